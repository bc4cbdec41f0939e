import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { organizationOperations } from "@/lib/api/organization-operations";
import { getOrganizationForAdmin } from "@/lib/orgs/admin-organization";
import { updateOrganization } from "@/lib/orgs/update-organization";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(organizationOperations.adminGetOrganization, ({ ctx, params }) => getOrganizationForAdmin({ ctx, input: { organizationId: params.id } })),
  PATCH: apiRoute(organizationOperations.updateOrganization, ({ ctx, params, body }) =>
    updateOrganization({ ctx, input: { organizationId: params.id, changes: body } }),
  ),
});

import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { organizationOperations } from "@/lib/api/organization-operations";
import { repairOrganizationPrincipal } from "@/lib/orgs/admin-organization";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(organizationOperations.adminRepairOrganizationPrincipal, ({ ctx, params }) =>
    repairOrganizationPrincipal({ ctx, input: { organizationId: params.id } }),
  ),
});

import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { updateOrganization } from "@/lib/orgs/update-organization";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  PATCH: apiRoute(operations.updateOrganization, ({ ctx, params, body }) => updateOrganization({ ctx, input: { organizationId: params.id, changes: body } })),
});

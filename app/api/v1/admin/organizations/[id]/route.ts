import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { getDb } from "@/lib/db/client";
import { updateOrganization } from "@/lib/orgs/update-organization";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  PATCH: apiRoute(operations.updateOrganization, ({ ctx, params, body }) => updateOrganization({ db: getDb(), ctx, organizationId: params.id, input: body })),
});

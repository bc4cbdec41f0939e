import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { getDb } from "@/lib/db/client";
import { updateOrganization } from "@/lib/orgs/update-organization";

export const PATCH = apiRoute(operations.updateOrganization, ({ ctx, params, body }) => updateOrganization({ db: getDb(), ctx, organizationId: params.id, input: body }));

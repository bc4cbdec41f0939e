import { revokeApiKey } from "@/lib/api/api-keys";
import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { getDb } from "@/lib/db/client";

export const DELETE = apiRoute(operations.revokeApiKey, ({ ctx, principal, params }) => revokeApiKey({ db: getDb(), ctx, role: principal.membershipRole, keyId: params.id }));

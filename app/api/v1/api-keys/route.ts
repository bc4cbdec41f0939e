import { createApiKey, listApiKeys } from "@/lib/api/api-keys";
import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { getDb } from "@/lib/db/client";

export const GET = apiRoute(operations.listApiKeys, ({ ctx, principal }) => listApiKeys({ db: getDb(), ctx, role: principal.membershipRole }));

export const POST = apiRoute(operations.createApiKey, ({ ctx, principal, body }) => createApiKey({ db: getDb(), ctx, role: principal.membershipRole, input: body }));

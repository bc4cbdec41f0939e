import { json, parseJsonBody } from "@/lib/api/route";
import { getDb } from "@/lib/db/client";
import { createWebhook, listWebhooks } from "@/lib/webhooks/manage-webhooks";
import { webhookCreatedViewSchema, webhookCreateInputSchema, webhookListSchema } from "@/lib/webhooks/schemas";
import { webhookRoute } from "./webhook-route";

export const GET = webhookRoute(async ({ caller }) => json(webhookListSchema.parse({ data: await listWebhooks({ engine: { db: getDb() }, caller }) })));

export const POST = webhookRoute(async ({ request, caller }) => {
  const input = await parseJsonBody(request, webhookCreateInputSchema);
  const created = webhookCreatedViewSchema.parse(await createWebhook({ engine: { db: getDb() }, caller, input }));
  return json(created, { status: 201, headers: { location: `/api/v1/webhooks/${created.id}`, "cache-control": "no-store" } });
});

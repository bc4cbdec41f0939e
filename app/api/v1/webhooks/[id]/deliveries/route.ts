import { parseQuery } from "@/lib/api/params";
import { json } from "@/lib/api/route";
import { getDb } from "@/lib/db/client";
import { listWebhookDeliveries } from "@/lib/webhooks/manage-webhooks";
import { webhookDeliveryListSchema, webhookDeliveryQuerySchema } from "@/lib/webhooks/schemas";
import { webhookRoute } from "../../webhook-route";

export const GET = webhookRoute<{ id: string }>(async ({ request, caller, params }) => {
  const query = parseQuery(new URL(request.url), webhookDeliveryQuerySchema);
  return json(webhookDeliveryListSchema.parse(await listWebhookDeliveries({ engine: { db: getDb() }, caller, webhookId: params.id, query })));
});

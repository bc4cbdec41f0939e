import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { webhookOperations } from "@/lib/api/webhook-operations";
import { getDb } from "@/lib/db/client";
import { listWebhookDeliveries } from "@/lib/webhooks/manage-webhooks";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(webhookOperations.listWebhookDeliveries, ({ principal, params, query }) =>
    listWebhookDeliveries({ engine: { db: getDb() }, caller: principal, webhookId: params.id, query }),
  ),
});

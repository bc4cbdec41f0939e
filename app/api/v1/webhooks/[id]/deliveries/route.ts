import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { webhookOperations } from "@/lib/api/webhook-operations";
import { listWebhookDeliveries } from "@/lib/webhooks/manage-webhooks";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(webhookOperations.listWebhookDeliveries, ({ ctx, params, query }) => listWebhookDeliveries({ ctx, input: { webhookId: params.id, ...query } })),
});

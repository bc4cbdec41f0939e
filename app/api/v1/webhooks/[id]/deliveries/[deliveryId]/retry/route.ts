import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { webhookOperations } from "@/lib/api/webhook-operations";
import { retryWebhookDelivery } from "@/lib/webhooks/test-and-retry";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(webhookOperations.retryWebhookDelivery, ({ ctx, params }) =>
    retryWebhookDelivery({ ctx, input: { webhookId: params.id, deliveryId: params.deliveryId } }),
  ),
});

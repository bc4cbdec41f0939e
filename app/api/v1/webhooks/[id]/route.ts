import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { webhookOperations } from "@/lib/api/webhook-operations";
import { deleteWebhook, getWebhook } from "@/lib/webhooks/manage-webhooks";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(webhookOperations.getWebhook, ({ ctx, params }) => getWebhook({ ctx, input: { webhookId: params.id } })),
  DELETE: apiRoute(webhookOperations.deleteWebhook, async ({ ctx, params }) => {
    await deleteWebhook({ ctx, input: { webhookId: params.id } });
    return null;
  }),
});

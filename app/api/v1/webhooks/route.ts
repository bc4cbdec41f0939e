import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { webhookOperations } from "@/lib/api/webhook-operations";
import { createWebhook, listWebhooks } from "@/lib/webhooks/manage-webhooks";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(webhookOperations.listWebhooks, ({ ctx, query }) => listWebhooks({ ctx, input: query })),
  POST: apiRoute(webhookOperations.createWebhook, ({ ctx, body }) => createWebhook({ ctx, input: body })),
});

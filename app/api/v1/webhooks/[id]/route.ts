import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { webhookOperations } from "@/lib/api/webhook-operations";
import { getDb } from "@/lib/db/client";
import { deleteWebhook, getWebhook } from "@/lib/webhooks/manage-webhooks";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(webhookOperations.getWebhook, ({ principal, params }) => getWebhook({ engine: { db: getDb() }, caller: principal, webhookId: params.id })),
  DELETE: apiRoute(webhookOperations.deleteWebhook, async ({ principal, params }) => {
    await deleteWebhook({ engine: { db: getDb() }, caller: principal, webhookId: params.id });
    return null;
  }),
});

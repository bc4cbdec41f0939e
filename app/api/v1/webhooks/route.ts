import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { webhookOperations } from "@/lib/api/webhook-operations";
import { getDb } from "@/lib/db/client";
import { createWebhook, listWebhooks } from "@/lib/webhooks/manage-webhooks";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(webhookOperations.listWebhooks, ({ principal, query }) => listWebhooks({ engine: { db: getDb() }, caller: principal, query })),
  POST: apiRoute(webhookOperations.createWebhook, ({ principal, body }) => createWebhook({ engine: { db: getDb() }, caller: principal, input: body })),
});

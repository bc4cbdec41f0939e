import { json } from "@/lib/api/route";
import { getDb } from "@/lib/db/client";
import { deleteWebhook, getWebhook } from "@/lib/webhooks/manage-webhooks";
import { webhookViewSchema } from "@/lib/webhooks/schemas";
import { webhookRoute } from "../webhook-route";

export const GET = webhookRoute<{ id: string }>(async ({ caller, params }) =>
  json(webhookViewSchema.parse(await getWebhook({ engine: { db: getDb() }, caller, webhookId: params.id }))),
);

export const DELETE = webhookRoute<{ id: string }>(async ({ caller, params }) => {
  await deleteWebhook({ engine: { db: getDb() }, caller, webhookId: params.id });
  return new Response(null, { status: 204 });
});

import { z } from "zod";
import { pageQuerySchema } from "@/lib/pagination";
import {
  webhookCreatedViewSchema,
  webhookCreateInputSchema,
  webhookDeliveryPageSchema,
  webhookDeliveryQuerySchema,
  webhookPageSchema,
  webhookDeliveryViewSchema,
  webhookPayloadSchema,
  webhookTestPayloadSchema,
  webhookViewSchema,
} from "@/lib/webhooks/schemas";
import { defineOperation } from "./operation";
import { shownOnce } from "./shown-once";
import { idParam } from "./params";

const webhookId = z.object({ id: idParam("webhook", "The webhook's id.") });
const deliveryId = webhookId.extend({ deliveryId: idParam("delivery", "The delivery's id.") });

export const webhookOperations = {
  createWebhook: defineOperation({
    operationId: "createWebhook",
    method: "POST",
    path: "/api/v1/webhooks",
    tag: "Webhooks",
    summary: "Subscribe a URL to link events",
    description: "The answer holds the signing secret, shown this once. See docs/WEBHOOKS.md for signatures and retries.",
    access: { scope: "write", by: ["owner"] },
    body: webhookCreateInputSchema,
    success: {
      status: 201,
      description: "The webhook, with its signing secret.",
      schema: shownOnce(webhookCreatedViewSchema, "secret").meta({ id: "CreatedWebhook" }),
    },
    secretField: "secret",
    location: (webhook) => `/api/v1/webhooks/${webhook.id}`,
  }),
  listWebhooks: defineOperation({
    operationId: "listWebhooks",
    method: "GET",
    path: "/api/v1/webhooks",
    tag: "Webhooks",
    summary: "Your organization's webhooks, oldest first",
    access: { scope: "read", by: ["member"] },
    query: pageQuerySchema(50),
    success: { status: 200, description: "A page of webhooks (without secrets).", schema: webhookPageSchema },
  }),
  getWebhook: defineOperation({
    operationId: "getWebhook",
    method: "GET",
    path: "/api/v1/webhooks/{id}",
    tag: "Webhooks",
    summary: "One webhook",
    access: { scope: "read", by: ["member"] },
    params: webhookId,
    success: { status: 200, description: "The webhook.", schema: webhookViewSchema },
  }),
  deleteWebhook: defineOperation({
    operationId: "deleteWebhook",
    method: "DELETE",
    path: "/api/v1/webhooks/{id}",
    tag: "Webhooks",
    summary: "Delete a webhook",
    access: { scope: "write", by: ["owner"] },
    params: webhookId,
    success: { status: 204, description: "Deleted.", schema: z.null() },
  }),
  enableWebhook: defineOperation({
    operationId: "enableWebhook",
    method: "POST",
    path: "/api/v1/webhooks/{id}/enable",
    tag: "Webhooks",
    summary: "Turn a webhook disabled after repeated failures back on",
    description:
      "Its failure count starts again at zero and new events are delivered; failed deliveries can be retried from the log. An enabled webhook is answered as it is. The URL must pass the current SSRF rules (422 otherwise).",
    access: { scope: "write", by: ["owner"] },
    params: webhookId,
    success: { status: 200, description: "The webhook, enabled.", schema: webhookViewSchema },
    errors: [422],
  }),
  listWebhookDeliveries: defineOperation({
    operationId: "listWebhookDeliveries",
    method: "GET",
    path: "/api/v1/webhooks/{id}/deliveries",
    tag: "Webhooks",
    summary: "A webhook's delivery log, newest first",
    access: { scope: "read", by: ["member"] },
    params: webhookId,
    query: webhookDeliveryQuerySchema,
    success: { status: 200, description: "A page of deliveries.", schema: webhookDeliveryPageSchema },
  }),
  sendTestWebhookEvent: defineOperation({
    operationId: "sendTestWebhookEvent",
    method: "POST",
    path: "/api/v1/webhooks/{id}/test",
    tag: "Webhooks",
    summary: "Send a test event (type `webhook.test`, no link) to the webhook",
    description: "A delivery like any other: signed, retried, in the delivery log. See docs/WEBHOOKS.md for its body.",
    access: { scope: "write", by: ["owner"] },
    params: webhookId,
    success: { status: 202, description: "The delivery, queued.", schema: webhookDeliveryViewSchema },
    errors: [409],
  }),
  retryWebhookDelivery: defineOperation({
    operationId: "retryWebhookDelivery",
    method: "POST",
    path: "/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry",
    tag: "Webhooks",
    summary: "Send a failed delivery once more, now",
    description: "The same body and signature, one more attempt. Only a failed delivery of an enabled webhook (409 otherwise).",
    access: { scope: "write", by: ["owner"] },
    params: deliveryId,
    success: { status: 202, description: "The delivery, pending again.", schema: webhookDeliveryViewSchema },
    errors: [409],
  }),
};

/** The bodies deliveries POST: no operation answers them, but every receiver parses them, so the document names them all the same. */
export const webhookEventSchemas: readonly z.ZodType[] = [webhookPayloadSchema, webhookTestPayloadSchema];

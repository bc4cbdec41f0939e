import { z } from "zod";
import { webhookCreatedViewSchema, webhookCreateInputSchema, webhookDeliveryListSchema, webhookDeliveryQuerySchema, webhookListSchema, webhookViewSchema } from "@/lib/webhooks/schemas";
import { defineOperation } from "./operation";

/**
 * The webhook routes (app/api/v1/webhooks, lib/webhooks) as the OpenAPI document describes them,
 * from lib/webhooks' own schemas. Those routes parse with the same schemas through their own glue.
 */
const webhookId = [{ name: "id", description: "The webhook's id." }] as const;
const access = "Reads: an API key with the `read` scope, or a member's session. Writes: an API key with the `write` scope, or an owner's session.";

export const webhookOperations = {
  createWebhook: defineOperation({
    operationId: "createWebhook",
    method: "POST",
    path: "/api/v1/webhooks",
    tag: "Webhooks",
    summary: "Subscribe a URL to link events",
    description: "The answer holds the signing secret, shown this once. See docs/WEBHOOKS.md for signatures and retries.",
    access: { scope: "write" },
    accessNote: access,
    body: webhookCreateInputSchema,
    success: { status: 201, description: "The webhook, with its signing secret.", schema: webhookCreatedViewSchema },
  }),
  listWebhooks: defineOperation({
    operationId: "listWebhooks",
    method: "GET",
    path: "/api/v1/webhooks",
    tag: "Webhooks",
    summary: "Your organization's webhooks",
    access: { scope: "read" },
    accessNote: access,
    success: { status: 200, description: "The webhooks (without secrets).", schema: webhookListSchema },
  }),
  getWebhook: defineOperation({
    operationId: "getWebhook",
    method: "GET",
    path: "/api/v1/webhooks/{id}",
    tag: "Webhooks",
    summary: "One webhook",
    access: { scope: "read" },
    accessNote: access,
    pathParams: webhookId,
    success: { status: 200, description: "The webhook.", schema: webhookViewSchema },
  }),
  deleteWebhook: defineOperation({
    operationId: "deleteWebhook",
    method: "DELETE",
    path: "/api/v1/webhooks/{id}",
    tag: "Webhooks",
    summary: "Delete a webhook",
    access: { scope: "write" },
    accessNote: access,
    pathParams: webhookId,
    success: { status: 204, description: "Deleted.", schema: z.null() },
  }),
  listWebhookDeliveries: defineOperation({
    operationId: "listWebhookDeliveries",
    method: "GET",
    path: "/api/v1/webhooks/{id}/deliveries",
    tag: "Webhooks",
    summary: "A webhook's delivery log, newest first",
    access: { scope: "read" },
    accessNote: access,
    pathParams: webhookId,
    query: webhookDeliveryQuerySchema,
    success: { status: 200, description: "A page of deliveries.", schema: webhookDeliveryListSchema },
  }),
};

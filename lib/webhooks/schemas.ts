import { z } from "zod";
import { pageQuerySchema } from "@/lib/page-query";
import { linkEventViewSchema, linkViewSchema } from "@/lib/links/views";
import { LINK_STATES, type LinkState } from "@/lib/links/state-machine";

// Every link transition is one event of type `link.<toState>` (registration: `link.verifying`, fromState null);
// `link.state_changed` subscribes to every transition. `link.connectivity_changed` (an available link's probes changed
// status, ok <-> degraded), `link.addresses_changed` (the endpoint's
// network interfaces or their private IPs changed, the first time they are known included) and `link.endpoint_released`
// (our endpoint deleted after the customer turned the link away) are events of no transition, subscribed to by name only.
export const ALL_LINK_EVENTS = "link.state_changed";
export const CONNECTIVITY_CHANGED = "link.connectivity_changed";
export const ADDRESSES_CHANGED = "link.addresses_changed";
export const ENDPOINT_RELEASED = "link.endpoint_released";
const EVENT_OF_KIND = { connectivity: CONNECTIVITY_CHANGED, addresses: ADDRESSES_CHANGED, endpoint_released: ENDPOINT_RELEASED } as const;
type NamedEvent = (typeof EVENT_OF_KIND)[keyof typeof EVENT_OF_KIND];
export const WEBHOOK_EVENT_TYPES = [
  ALL_LINK_EVENTS,
  ...LINK_STATES.map((state) => `link.${state}` as const),
  CONNECTIVITY_CHANGED,
  ADDRESSES_CHANGED,
  ENDPOINT_RELEASED,
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES).meta({ id: "WebhookEventType" });

type EventOf = { toState: LinkState; kind: "state" | keyof typeof EVENT_OF_KIND };

export function eventTypeOf(event: EventOf): `link.${LinkState}` | NamedEvent {
  return event.kind === "state" ? `link.${event.toState}` : EVENT_OF_KIND[event.kind];
}

export function isSubscribed(subscribed: readonly string[], event: EventOf): boolean {
  if (event.kind !== "state") return subscribed.includes(eventTypeOf(event));
  return subscribed.includes(ALL_LINK_EVENTS) || subscribed.includes(eventTypeOf(event));
}

export const webhookCreateInputSchema = z
  .strictObject({
    url: z
      .string()
      .trim()
      .min(1, "Enter the URL that receives events")
      .max(2048, "At most 2048 characters")
      .pipe(z.url({ error: "Expected an absolute https:// URL" })),
    eventTypes: z
      .array(webhookEventTypeSchema, {
        error: `Expected a list of event types: ${ALL_LINK_EVENTS}, link.<state>, ${CONNECTIVITY_CHANGED}, ${ADDRESSES_CHANGED} or ${ENDPOINT_RELEASED}`,
      })
      .min(1, "Subscribe to at least one event type")
      .max(WEBHOOK_EVENT_TYPES.length)
      .transform((types) => [...new Set(types)]),
    description: z.string().trim().max(200, "At most 200 characters").optional(),
  })
  .meta({ id: "CreateWebhookInput" });
export type WebhookCreateInput = z.infer<typeof webhookCreateInputSchema>;

/** A webhook as reads return it: never the secret. */
export const webhookViewSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    description: z.string().nullable(),
    isEnabled: z.boolean(),
    consecutiveFailures: z.number().int(),
    disabledAt: z.iso.datetime().nullable(),
    disabledReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
    lastDeliveryAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Webhook" });
export type WebhookView = z.infer<typeof webhookViewSchema>;

/** The signing secret is shown this once. Named (CreatedWebhook) where the API answers it: lib/api/webhook-operations.ts. */
export const webhookCreatedViewSchema = webhookViewSchema.extend({ secret: z.string().describe("The signing secret. Shown only in this answer.") });
export type WebhookCreatedView = z.infer<typeof webhookCreatedViewSchema>;

export const webhookDeliveryStatusSchema = z.enum(["pending", "delivered", "failed"]);

export const webhookDeliveryViewSchema = z
  .object({
    id: z.uuid(),
    webhookId: z.uuid(),
    eventId: z.string(),
    eventType: z.string(),
    status: webhookDeliveryStatusSchema,
    attemptCount: z.number().int(),
    responseStatus: z.number().int().nullable(),
    error: z.string().nullable(),
    nextAttemptAt: z.iso.datetime().nullable(),
    lastAttemptAt: z.iso.datetime().nullable(),
    deliveredAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "WebhookDelivery" });
export type WebhookDeliveryView = z.infer<typeof webhookDeliveryViewSchema>;

export const webhookPageSchema = z.object({ data: z.array(webhookViewSchema), nextCursor: z.string().nullable() }).meta({ id: "WebhookPage" });
export const webhookDeliveryPageSchema = z
  .object({ data: z.array(webhookDeliveryViewSchema), nextCursor: z.string().nullable() })
  .meta({ id: "WebhookDeliveryPage" });

export const webhookDeliveryQuerySchema = pageQuerySchema(50).extend({
  status: webhookDeliveryStatusSchema.optional().describe("Only deliveries in this status."),
});
export type WebhookDeliveryQuery = z.infer<typeof webhookDeliveryQuerySchema>;

/** The body every delivery POSTs. `id` is the event's id: the same for every webhook and every retry. */
export const webhookPayloadSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    createdAt: z.iso.datetime(),
    data: z.object({ event: linkEventViewSchema, link: linkViewSchema }),
  })
  .meta({ id: "WebhookPayload" });
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

export const TEST_EVENT_TYPE = "webhook.test";

export const webhookTestPayloadSchema = z
  .object({
    id: z.string(),
    type: z.literal(TEST_EVENT_TYPE),
    createdAt: z.iso.datetime(),
    data: z.object({ webhook: z.object({ id: z.uuid(), url: z.string() }), message: z.string() }),
  })
  .meta({ id: "WebhookTestPayload" });
export type WebhookTestPayload = z.infer<typeof webhookTestPayloadSchema>;

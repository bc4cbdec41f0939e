import "server-only";
import type { Ctx } from "@/lib/context";
import type { LinkEvent, Prisma } from "@/lib/db/generated/client";
import { z } from "zod";
import { defineJob, singlePassQueue } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/queue";
import { readLinkEvents, type EventCursor } from "@/lib/links/event-cursor";
import { ORGANIZATION_VIEWER, toLinkEventView, toLinkView, type Viewer } from "@/lib/links/views";
import { deliverWebhookJob } from "./deliver-webhook";
import { eventTypeOf, isSubscribed, type WebhookPayload } from "./schemas";

// LinkEvent rows become deliveries, their jobs enqueued in the same transaction (lib/links/event-cursor.ts reads them).
// Reading an event twice is harmless: (webhookId, eventId) is unique.
export const DISPATCH = { settleMs: 60_000, batchSize: 500 };

export type DispatchReport = { events: number; deliveries: number };

export async function dispatchWebhookEvents({ ctx, input = {} }: { ctx: Ctx; input?: { settleMs?: number; batchSize?: number } }): Promise<DispatchReport> {
  const viewer = { ...ORGANIZATION_VIEWER, engine: ctx.engine };
  const cursor: EventCursor = {
    table: "WebhookOutboxCursor",
    id: "link-events",
    startAt: "first",
    ...DISPATCH,
    ...input,
    // Only events of organizations with an enabled webhook: most events concern no webhook at all.
    where: { organization: { webhooks: { some: { isEnabled: true } } } },
  };
  const { events, handled } = await readLinkEvents(ctx.engine.db, cursor, async (tx, page) => {
    const deliveries = await deliveriesFor(tx, page, viewer);
    const created = deliveries.length ? await tx.webhookDelivery.createManyAndReturn({ data: deliveries, skipDuplicates: true, select: { id: true } }) : [];
    for (const { id } of created) await enqueue(tx, deliverWebhookJob, { deliveryId: id }, { ctx });
    return created.length;
  });
  const report = { events, deliveries: handled };
  if (report.deliveries > 0) ctx.log.info({ ...report }, "webhook deliveries queued");
  return report;
}

/** Every worker asks for a pass each second; one runs at a time across workers. */
export const dispatchWebhooksJob = defineJob({
  name: "webhooks-dispatch",
  schema: z.object({}),
  options: ({ expireInSeconds }) => singlePassQueue(Math.max(60, expireInSeconds)),
  singletonKey: () => "dispatch",
  every: { ms: 1_000 },
  handle: ({ ctx }) => dispatchWebhookEvents({ ctx }),
});

/** The deliveries these events call for that do not exist yet, with their bodies fixed now. */
async function deliveriesFor(tx: Prisma.TransactionClient, events: LinkEvent[], viewer: Viewer) {
  if (events.length === 0) return [];
  const organizationIds = [...new Set(events.map((e) => e.organizationId))];
  const webhooks = await tx.webhook.findMany({
    where: { organizationId: { in: organizationIds }, isEnabled: true },
    select: { id: true, organizationId: true, eventTypes: true, createdAt: true },
  });
  if (webhooks.length === 0) return [];
  const pairs = events.flatMap((event) =>
    webhooks
      // A webhook receives the events that happened after it was created, and only those it subscribed to.
      .filter((w) => w.organizationId === event.organizationId && w.createdAt <= event.createdAt && isSubscribed(w.eventTypes, event))
      .map((webhook) => ({ webhook, event })),
  );
  if (pairs.length === 0) return [];
  const existing = await tx.webhookDelivery.findMany({
    where: { eventId: { in: [...new Set(pairs.map((p) => p.event.id))] }, webhookId: { in: [...new Set(pairs.map((p) => p.webhook.id))] } },
    select: { webhookId: true, eventId: true },
  });
  const done = new Set(existing.map((d) => `${d.webhookId}:${d.eventId}`));
  const fresh = pairs.filter((p) => !done.has(`${p.webhook.id}:${p.event.id}`));
  if (fresh.length === 0) return [];

  const links = await tx.link.findMany({ where: { id: { in: [...new Set(fresh.map((p) => p.event.linkId))] } } });
  const linkById = new Map(links.map((link) => [link.id, link]));
  const bodies = new Map<bigint, string>();
  const now = new Date();
  return fresh.flatMap(({ webhook, event }) => {
    const link = linkById.get(event.linkId);
    if (!link) return [];
    let body = bodies.get(event.id);
    if (body === undefined) {
      // The link as it is now, a moment after the transition (it may already have moved on: data.event says what happened).
      const payload: WebhookPayload = {
        id: event.id.toString(),
        type: eventTypeOf(event),
        createdAt: event.createdAt.toISOString(),
        data: { event: toLinkEventView(event), link: toLinkView(link, viewer) },
      };
      body = JSON.stringify(payload);
      bodies.set(event.id, body);
    }
    return [{ webhookId: webhook.id, eventId: event.id, eventType: eventTypeOf(event), payload: body, nextAttemptAt: now }];
  });
}

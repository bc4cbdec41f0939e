import "server-only";
import type { Ctx } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import type { LinkEvent } from "@/lib/db/generated/client";
import { z } from "zod";
import { defineJob, singlePassQueue } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/queue";
import { ORGANIZATION_VIEWER, toLinkEventView, toLinkView, type Viewer } from "@/lib/links/views";
import { deliverWebhookJob } from "./deliver-webhook";
import { eventTypeOf, isSubscribed, type WebhookPayload } from "./schemas";

// LinkEvent rows (the outbox every transition writes) become deliveries, their jobs enqueued in the same transaction. Ids
// are a sequence, so an uncommitted transaction can hold an id below one already visible: the cursor only moves over
// events older than `settleMs` (link transactions last seconds), and younger ones are read again next pass. Reading an
// event twice is harmless: (webhookId, eventId) is unique.
export const DISPATCH = { settleMs: 60_000, batchSize: 500 };

const CURSOR_ID = "link-events";

export type DispatchReport = { events: number; deliveries: number };

export async function dispatchWebhookEvents({ ctx, input = {} }: { ctx: Ctx; input?: { settleMs?: number; batchSize?: number } }): Promise<DispatchReport> {
  const { db } = ctx.engine;
  const { settleMs, batchSize } = { ...DISPATCH, ...input };
  const report: DispatchReport = { events: 0, deliveries: 0 };
  await db.$executeRaw`INSERT INTO "WebhookOutboxCursor" ("id", "lastEventId", "updatedAt") VALUES (${CURSOR_ID}, 0, now()) ON CONFLICT DO NOTHING`;
  let scanFrom = (await db.webhookOutboxCursor.findUniqueOrThrow({ where: { id: CURSOR_ID } })).lastEventId;
  for (;;) {
    const page = await db.$transaction(async (tx) => {
      // Only events of organizations with an enabled webhook: most events concern no webhook at all.
      const events = await tx.linkEvent.findMany({
        where: { id: { gt: scanFrom }, organization: { webhooks: { some: { isEnabled: true } } } },
        orderBy: { id: "asc" },
        take: batchSize,
      });
      const deliveries = await deliveriesFor(tx, events, { ...ORGANIZATION_VIEWER, engine: ctx.engine });
      const created = deliveries.length ? await tx.webhookDelivery.createManyAndReturn({ data: deliveries, skipDuplicates: true, select: { id: true } }) : [];
      for (const { id } of created) await enqueue(tx, deliverWebhookJob, { deliveryId: id }, { ctx });
      return { count: events.length, created: created.length, last: events.at(-1)?.id ?? null };
    });
    report.events += page.count;
    report.deliveries += page.created;
    if (page.count < batchSize || page.last === null) break;
    scanFrom = page.last;
  }
  // Every event up to the first one still settling (or the newest, when none is) has now been read:
  // move the cursor there. It never moves back, so two dispatchers at once stay harmless.
  await db.$executeRaw`
    UPDATE "WebhookOutboxCursor" AS c
       SET "lastEventId" = GREATEST(c."lastEventId", COALESCE(
             (SELECT MIN(e."id") - 1 FROM "LinkEvent" AS e WHERE e."id" > c."lastEventId" AND e."createdAt" >= now() - (${settleMs}::integer * interval '1 millisecond')),
             (SELECT MAX(e."id") FROM "LinkEvent" AS e),
             c."lastEventId")),
           "updatedAt" = now()
     WHERE c."id" = ${CURSOR_ID}`;
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

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** The deliveries these events call for that do not exist yet, with their bodies fixed now. */
async function deliveriesFor(tx: Tx, events: LinkEvent[], viewer: Viewer) {
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

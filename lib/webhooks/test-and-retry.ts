import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit";
import type { VerbArgs } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/queue";
import { authorizeWrite } from "./access";
import { deliverWebhookJob } from "./deliver-webhook";
import { toWebhookDeliveryView } from "./manage-webhooks";
import { TEST_EVENT_TYPE, type WebhookDeliveryView, type WebhookTestPayload } from "./schemas";

const DISABLED_MESSAGE = "This webhook is disabled after repeated failures; enable it again once its receiver answers.";

// A delivery like any other (signed, retried, logged) naming no link, so a receiver can be checked before any link moves.
// Its event id is negative (-1, -2... per webhook), so it never meets a link event's in the (webhookId, eventId) key.
export async function sendTestWebhookEvent({ ctx, input: { webhookId } }: VerbArgs<{ webhookId: string }>): Promise<WebhookDeliveryView> {
  const organizationId = authorizeWrite(ctx);
  const delivery = await ctx.engine.db.$transaction(async (tx) => {
    const webhook = await tx.webhook.findFirst({ where: { id: webhookId, organizationId } });
    if (!webhook) throw new AppError("not_found", `No webhook ${webhookId}.`);
    if (!webhook.isEnabled) throw new AppError("conflict", DISABLED_MESSAGE);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`webhook-test:${webhook.id}`}))`;
    const lowest = await tx.webhookDelivery.aggregate({ where: { webhookId: webhook.id, eventId: { lt: 0 } }, _min: { eventId: true } });
    const eventId = (lowest._min.eventId ?? 0n) - 1n;
    const id = randomUUID();
    const createdAt = new Date();
    const payload: WebhookTestPayload = {
      id: `test_${id}`,
      type: TEST_EVENT_TYPE,
      createdAt: createdAt.toISOString(),
      data: { webhook: { id: webhook.id, url: webhook.url }, message: "A test event sent from the portal; it concerns no link." },
    };
    const created = await tx.webhookDelivery.create({
      data: { id, webhookId: webhook.id, eventId, eventType: TEST_EVENT_TYPE, payload: JSON.stringify(payload), nextAttemptAt: createdAt, createdAt },
    });
    await recordAudit(tx, ctx, { organizationId, action: "webhook.test", target: { type: "webhook", id: webhook.id }, metadata: { deliveryId: id } });
    await enqueue(tx, deliverWebhookJob, { deliveryId: id }, { ctx });
    return created;
  });
  return toWebhookDeliveryView(delivery);
}

/** One more attempt, now, with the same body; it is not retried on its own if that one fails too. */
export async function retryWebhookDelivery({ ctx, input }: VerbArgs<{ webhookId: string; deliveryId: string }>): Promise<WebhookDeliveryView> {
  const organizationId = authorizeWrite(ctx);
  const delivery = await ctx.engine.db.$transaction(async (tx) => {
    const found = await tx.webhookDelivery.findFirst({
      where: { id: input.deliveryId, webhookId: input.webhookId, webhook: { organizationId } },
      include: { webhook: true },
    });
    if (!found) throw new AppError("not_found", `No delivery ${input.deliveryId} of webhook ${input.webhookId}.`);
    if (!found.webhook.isEnabled) throw new AppError("conflict", DISABLED_MESSAGE);
    const now = new Date();
    const { count } = await tx.webhookDelivery.updateMany({ where: { id: found.id, status: "failed" }, data: { status: "pending", nextAttemptAt: now } });
    if (count === 0) throw new AppError("conflict", `Only a failed delivery can be retried; this one is ${found.status}.`);
    await recordAudit(tx, ctx, {
      organizationId,
      action: "webhook_delivery.retry",
      target: { type: "webhook_delivery", id: found.id },
      metadata: { webhookId: found.webhookId },
    });
    await enqueue(tx, deliverWebhookJob, { deliveryId: found.id }, { ctx });
    return tx.webhookDelivery.findUniqueOrThrow({ where: { id: found.id } });
  });
  return toWebhookDeliveryView(delivery);
}

import "server-only";
import { z } from "zod";
import type { Ctx, VerbArgs } from "@/lib/context";
import { defineJob, retriedQueue } from "@/lib/jobs/define";
import { uuidSchema } from "@/lib/validation";
import { enqueue } from "@/lib/jobs/queue";
import { TEST_EVENT_TYPE } from "./schemas";
import { postWebhook, type SendResult } from "./send";
import { DELIVERY_POLICY, webhookSettingsOf, type DeliveryPolicy } from "./settings";
import { signatureHeader } from "./signature";

export const USER_AGENT = "PrivateLinkPortal-Webhooks/1.0";

export function retryDelayMs(
  failedAttempt: number,
  policy: Pick<DeliveryPolicy, "retryBaseMs" | "retryMaxMs"> = DELIVERY_POLICY,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** Math.max(0, failedAttempt - 1));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

export type DeliveryOutcome = "delivered" | "retrying" | "failed" | "disabled" | "skipped";

// The attempt is claimed first (attemptCount compare-and-set), so two jobs cannot both send attempt n. A worker that dies
// after sending leaves the job to be retried: delivery is at least once, and receivers deduplicate by the
// PrivateLink-Delivery header or the payload's event id.
export async function runWebhookDelivery({ ctx, input: { deliveryId } }: VerbArgs<{ deliveryId: string }>): Promise<DeliveryOutcome> {
  const { db } = ctx.engine;
  const { delivery: policy, urlPolicy, resolve } = webhookSettingsOf(ctx.engine);
  const delivery = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { webhook: true } });
  if (!delivery || delivery.status !== "pending") return "skipped";
  const { webhook } = delivery;
  if (!webhook.isEnabled) {
    await db.webhookDelivery.updateMany({
      where: { id: delivery.id, status: "pending" },
      data: { status: "failed", error: "The webhook is disabled.", nextAttemptAt: null },
    });
    return "skipped";
  }

  const attempt = delivery.attemptCount + 1;
  const claimed = await db.webhookDelivery.updateMany({
    where: { id: delivery.id, status: "pending", attemptCount: delivery.attemptCount },
    data: { attemptCount: attempt, lastAttemptAt: new Date(), nextAttemptAt: null },
  });
  if (claimed.count === 0) return "skipped";

  const result = await postWebhook({
    url: webhook.url,
    body: delivery.payload,
    headers: {
      "content-type": "application/json",
      "user-agent": USER_AGENT,
      "privatelink-signature": signatureHeader(webhook.secret, delivery.payload),
      "privatelink-delivery": delivery.id,
      "privatelink-event-id": delivery.eventId.toString(),
      "privatelink-event-type": delivery.eventType,
      "privatelink-attempt": String(attempt),
    },
    policy: urlPolicy,
    timeoutMs: policy.timeoutMs,
    resolve,
  });
  const isTest = delivery.eventType === TEST_EVENT_TYPE;
  const outcome = await recordAttempt(ctx, { deliveryId: delivery.id, webhookId: webhook.id, attempt, result, policy, isTest });
  if (outcome === "disabled") ctx.log.warn({ deliveryId, webhookId: webhook.id }, "webhook disabled after repeated failures");
  return outcome;
}

// A test event's attempts leave the failure count alone: trying a receiver still being set up must not bring it closer
// to being disabled (nor does a test that succeeds vouch for the link events that failed).
async function recordAttempt(
  ctx: Ctx,
  {
    deliveryId,
    webhookId,
    attempt,
    result,
    policy,
    isTest,
  }: { deliveryId: string; webhookId: string; attempt: number; result: SendResult; policy: DeliveryPolicy; isTest: boolean },
): Promise<DeliveryOutcome> {
  const error = result.error?.slice(0, 500) ?? null;
  return ctx.engine.db.$transaction(async (tx) => {
    const now = new Date();
    if (result.ok) {
      await tx.webhookDelivery.updateMany({
        where: { id: deliveryId, attemptCount: attempt },
        data: { status: "delivered", responseStatus: result.status, error: null, deliveredAt: now, nextAttemptAt: null },
      });
      await tx.webhook.updateMany({
        where: { id: webhookId },
        data: isTest ? { lastDeliveryAt: now } : { consecutiveFailures: 0, failingSince: null, lastDeliveryAt: now },
      });
      return "delivered";
    }

    if (isTest) {
      const { count } = await tx.webhook.updateMany({ where: { id: webhookId }, data: { lastDeliveryAt: now } });
      if (count === 0) return "skipped"; // deleted meanwhile: its deliveries went with it
    } else {
      const [webhook] = await tx.$queryRaw<{ consecutiveFailures: number; failingSince: Date; isEnabled: boolean }[]>`
        UPDATE "Webhook"
           SET "consecutiveFailures" = "consecutiveFailures" + 1, "failingSince" = COALESCE("failingSince", now()), "lastDeliveryAt" = now()
         WHERE "id" = ${webhookId}::uuid
        RETURNING "consecutiveFailures", "failingSince", "isEnabled"`;
      if (!webhook) return "skipped";

      const shouldDisable =
        webhook.isEnabled &&
        webhook.consecutiveFailures >= policy.disableAfterFailures &&
        now.getTime() - webhook.failingSince.getTime() >= policy.disableAfterMs;
      if (shouldDisable) {
        const reason = `Disabled after ${webhook.consecutiveFailures} failed attempts in a row since ${webhook.failingSince.toISOString()} (last: ${error ?? "failed"}).`;
        await tx.webhook.update({ where: { id: webhookId }, data: { isEnabled: false, disabledAt: now, disabledReason: reason } });
        await tx.webhookDelivery.updateMany({
          where: { id: deliveryId },
          data: { status: "failed", responseStatus: result.status, error, nextAttemptAt: null },
        });
        await tx.webhookDelivery.updateMany({
          where: { webhookId, status: "pending", id: { not: deliveryId } },
          data: { status: "failed", error: "Not sent: the webhook was disabled.", nextAttemptAt: null },
        });
        return "disabled";
      }
    }

    if (attempt >= policy.maxAttempts) {
      await tx.webhookDelivery.updateMany({
        where: { id: deliveryId, attemptCount: attempt },
        data: { status: "failed", responseStatus: result.status, error, nextAttemptAt: null },
      });
      return "failed";
    }

    const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempt, policy));
    const updated = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, attemptCount: attempt, status: "pending" },
      data: { responseStatus: result.status, error, nextAttemptAt },
    });
    if (updated.count > 0) await enqueue(tx, deliverWebhookJob, { deliveryId }, { ctx, startAfter: nextAttemptAt });
    return "retrying";
  });
}

/** One job per delivery; its own retries (backoff, the delivery log) live in the delivery row, pg-boss's only cover a crash. */
export const deliverWebhookJob = defineJob({
  name: "webhook-deliver",
  schema: z.object({ deliveryId: uuidSchema }),
  options: (settings) => retriedQueue(settings, 60),
  singletonKey: ({ deliveryId }) => deliveryId,
  // A slow receiver holds one for at most the HTTP timeout.
  concurrency: 8,
  handle: runWebhookDelivery,
});

import "server-only";
import type { Job, PgBoss } from "pg-boss";
import { systemCtx, type Logger } from "@/lib/context";
import type { Engine } from "@/lib/engine";
import { QUEUES } from "@/lib/jobs/queue";
import { runWebhookDelivery } from "./deliver-webhook";
import { dispatchWebhookEvents } from "./dispatch";

type DeliveryJob = { deliveryId: string };

/**
 * The worker's webhook loops: every `dispatchEveryMs` each worker asks for a dispatch pass (the
 * stately queue runs one at a time across workers), and `concurrency` delivery jobs run at once
 * in this process (a slow receiver holds one for at most the HTTP timeout). Returns a stop hook.
 */
export async function startWebhookJobs(
  boss: PgBoss,
  { engine, concurrency = 8, dispatchEveryMs = 1_000, log }: { engine: Engine; concurrency?: number; dispatchEveryMs?: number; log: Logger },
): Promise<() => void> {
  await boss.work(QUEUES.webhookDispatch, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
    const report = await dispatchWebhookEvents({ ctx: systemCtx(engine, { requestId: `job:${job?.id}`, log }) });
    if (report.deliveries > 0) log.info({ ...report }, "webhook deliveries queued");
  });
  const deliver = async ([job]: Job<DeliveryJob>[]) => {
    if (!job) return;
    const outcome = await runWebhookDelivery({ ctx: systemCtx(engine, { requestId: `job:${job.id}`, log }), input: { deliveryId: job.data.deliveryId } });
    if (outcome === "disabled") log.warn({ deliveryId: job.data.deliveryId }, "webhook disabled after repeated failures");
  };
  for (let i = 0; i < concurrency; i++) await boss.work<DeliveryJob>(QUEUES.webhookDeliver, { batchSize: 1, pollingIntervalSeconds: 0.5 }, deliver);

  const kick = () => void boss.send(QUEUES.webhookDispatch, {}, { singletonKey: "dispatch" }).catch(() => {});
  kick();
  const timer = setInterval(kick, dispatchEveryMs);
  return () => clearInterval(timer);
}

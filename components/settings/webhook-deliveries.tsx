"use client";

import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Webhook, WebhookDelivery } from "@/lib/api-client/client";
import { formatTime } from "./section-states";
import { useRetryDelivery, useSendTestEvent, useWebhookDeliveries } from "./use-settings";

const STATUS_STYLE = {
  pending: "bg-amber-100 text-amber-900",
  delivered: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
} as const;

/** A webhook's newest deliveries (the log), a test event to check the receiver, and a retry for failed ones. */
export function WebhookDeliveries({ webhook, isOwner }: { webhook: Webhook; isOwner: boolean }) {
  const deliveries = useWebhookDeliveries(webhook.id);
  const sendTest = useSendTestEvent();
  const retry = useRetryDelivery();
  const error = sendTest.error ?? retry.error;
  return (
    <section aria-label={`Deliveries of ${webhook.url}`} className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 className="font-semibold">Delivery log</h4>
        {isOwner ? (
          <Button variant="secondary" isLoading={sendTest.isPending} onClick={() => sendTest.mutate(webhook.id)} disabled={!webhook.isEnabled}>
            Send test event
          </Button>
        ) : null}
      </div>
      {error ? <Alert>{messageOf(error)}</Alert> : null}
      {deliveries.isPending ? (
        <p role="status" className="text-slate-500">
          Loading deliveries…
        </p>
      ) : deliveries.isError ? (
        <Alert>{messageOf(deliveries.error)}</Alert>
      ) : deliveries.data.data.length === 0 ? (
        <p className="text-slate-500">Nothing sent yet. Send a test event to check your endpoint.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Deliveries">
          {deliveries.data.data.map((delivery) => (
            <DeliveryRow
              key={delivery.id}
              delivery={delivery}
              canRetry={isOwner && webhook.isEnabled && delivery.status === "failed"}
              isRetrying={retry.isPending && retry.variables?.deliveryId === delivery.id}
              onRetry={() => retry.mutate({ webhookId: webhook.id, deliveryId: delivery.id })}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function DeliveryRow({ delivery, canRetry, isRetrying, onRetry }: { delivery: WebhookDelivery; canRetry: boolean; isRetrying: boolean; onRetry: () => void }) {
  const attempts = `${delivery.attemptCount} attempt${delivery.attemptCount === 1 ? "" : "s"}`;
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="webhook-delivery">
      <div className="min-w-0 space-y-0.5">
        <p className="flex flex-wrap items-center gap-2">
          <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[delivery.status]}`}>{delivery.status}</span>
          <code className="font-mono text-xs">{delivery.eventType}</code>
          {delivery.responseStatus !== null ? <span className="text-xs text-slate-600">HTTP {delivery.responseStatus}</span> : null}
        </p>
        <p className="text-xs text-slate-600">
          {formatTime(delivery.createdAt)} · {attempts}
          {delivery.nextAttemptAt ? ` · next try ${formatTime(delivery.nextAttemptAt)}` : ""}
        </p>
        {delivery.error ? <p className="break-words text-xs text-red-700">{delivery.error}</p> : null}
      </div>
      {canRetry ? (
        <Button variant="secondary" isLoading={isRetrying} onClick={onRetry}>
          Retry
        </Button>
      ) : null}
    </li>
  );
}

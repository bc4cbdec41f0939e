import type { Engine } from "@/lib/engine";
import { systemResolver, webhookUrlPolicyFromEnv, type Resolver, type WebhookUrlPolicy } from "./url-policy";

// Retries and disabling (docs/WEBHOOKS.md); tests shorten these. After attempt n fails the next waits
// min(retryBaseMs * 2^(n-1), retryMaxMs) times a random [0.5, 1): 30 s, 1 min, 2 min... capped at 1 h, 12 attempts spanning
// about 5 hours at most. A webhook is disabled once `disableAfterFailures` attempts in a row (across its deliveries) failed
// AND the first is at least `disableAfterMs` old: a burst during a short outage does not disable it, a day of failures does.
export const DELIVERY_POLICY = {
  timeoutMs: 10_000,
  maxAttempts: 12,
  retryBaseMs: 30_000,
  retryMaxMs: 3_600_000,
  disableAfterFailures: 15,
  disableAfterMs: 24 * 3_600_000,
};
export type DeliveryPolicy = typeof DELIVERY_POLICY;

export type WebhookSettings = { delivery: DeliveryPolicy; urlPolicy: WebhookUrlPolicy; resolve: Resolver };

declare module "@/lib/engine" {
  interface EngineOverrides {
    /** Key by key over the defaults and the environment's. */
    webhooks?: Partial<WebhookSettings>;
  }
}

export function webhookSettingsOf(engine: Pick<Engine, "overrides">): WebhookSettings {
  return { delivery: DELIVERY_POLICY, urlPolicy: webhookUrlPolicyFromEnv(), resolve: systemResolver, ...engine.overrides?.webhooks };
}

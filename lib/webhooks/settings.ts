import type { Engine } from "@/lib/engine";
import { systemResolver, webhookUrlPolicyFromEnv, type Resolver, type WebhookUrlPolicy } from "./url-policy";

/**
 * Retries and disabling (docs/WEBHOOKS.md). Tests shorten these (Engine.overrides.webhooks).
 * - A delivery is attempted up to `maxAttempts` times; after attempt n fails the next waits
 *   min(retryBaseMs * 2^(n-1), retryMaxMs), scaled by a random factor in [0.5, 1) (jitter).
 *   With the defaults: 30 s, 1 min, 2 min ... capped at 1 h; 12 attempts span about 5 hours at most.
 * - A webhook is disabled once `disableAfterFailures` attempts in a row have failed (across its
 *   deliveries) AND the first of them is at least `disableAfterMs` old: a burst of events during a
 *   short outage does not disable it, an endpoint that has been failing for a day does.
 */
export const DELIVERY_POLICY = {
  timeoutMs: 10_000,
  maxAttempts: 12,
  retryBaseMs: 30_000,
  retryMaxMs: 3_600_000,
  disableAfterFailures: 15,
  disableAfterMs: 24 * 3_600_000,
};
export type DeliveryPolicy = typeof DELIVERY_POLICY;

/** How webhooks are registered and delivered: the retry policy, the SSRF rules and the DNS resolver. */
export type WebhookSettings = { delivery: DeliveryPolicy; urlPolicy: WebhookUrlPolicy; resolve: Resolver };

declare module "@/lib/engine" {
  interface EngineOverrides {
    /** Replaces the default and environment's webhook settings, key by key. */
    webhooks?: Partial<WebhookSettings>;
  }
}

export function webhookSettingsOf(engine: Pick<Engine, "overrides">): WebhookSettings {
  return { delivery: DELIVERY_POLICY, urlPolicy: webhookUrlPolicyFromEnv(), resolve: systemResolver, ...engine.overrides?.webhooks };
}

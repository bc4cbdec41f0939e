/**
 * EC2's request-rate budgets: a token bucket per account, region and action class, with the
 * published bucket sizes and refill rates. A request takes one token; an empty bucket answers
 * RequestLimitExceeded.
 */

export type ActionClass = "endpoint-mutation" | "connection-mutation" | "mutation" | "describe";

export const BUCKETS: Record<ActionClass, { capacity: number; refillPerSecond: number }> = {
  "endpoint-mutation": { capacity: 4, refillPerSecond: 0.3 },
  "connection-mutation": { capacity: 10, refillPerSecond: 1 },
  mutation: { capacity: 50, refillPerSecond: 5 },
  describe: { capacity: 100, refillPerSecond: 20 },
};

const ENDPOINT_MUTATIONS = new Set(["CreateVpcEndpoint", "DeleteVpcEndpoints", "ModifyVpcEndpoint"]);
const CONNECTION_MUTATIONS = new Set(["AcceptVpcEndpointConnections", "RejectVpcEndpointConnections"]);

export function classifyAction(action: string): ActionClass {
  if (ENDPOINT_MUTATIONS.has(action)) return "endpoint-mutation";
  if (CONNECTION_MUTATIONS.has(action)) return "connection-mutation";
  if (action.startsWith("Describe") || action.startsWith("Get") || action.startsWith("List")) return "describe";
  return "mutation";
}

export interface ThrottlingOptions {
  /** Off: every request passes. On by default, as in AWS. */
  enabled: boolean;
  /** Multiplies every refill rate; tests use large values to refill almost at once. */
  refillMultiplier: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class Throttler {
  private readonly buckets = new Map<string, Bucket>();

  constructor(public options: ThrottlingOptions) {}

  /** Takes a token; false when the bucket is empty (the caller answers RequestLimitExceeded). */
  take(accountId: string, region: string, action: string, now: number): boolean {
    if (!this.options.enabled) return true;
    const actionClass = classifyAction(action);
    const { capacity, refillPerSecond } = BUCKETS[actionClass];
    const key = `${accountId}/${region}/${actionClass}`;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, updatedAt: now };
    const refill = ((now - bucket.updatedAt) / 1000) * refillPerSecond * this.options.refillMultiplier;
    bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, refill));
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  reset(): void {
    this.buckets.clear();
  }
}

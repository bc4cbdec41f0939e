import { randomInt } from "node:crypto";
import type { RequestContext } from "./runtime";
import type { Role } from "./state";

/**
 * The realistic profile (SANDBOX_PROFILE=realistic): AWS's eventual consistency, which the exact profile leaves out.
 * - EC2 ("Eventual consistency in the Amazon EC2 API"): a resource just created may be missing from describes, and
 *   calls that name it may answer its NotFound code, until its own delay has passed; its tags may lag it further.
 * - IAM ("Changes that I make are not always immediately visible"): a new role (or one made again) is refused by
 *   AssumeRole, and a changed permission policy is not yet the one evaluated, until the change's delay has passed.
 * Every delay is drawn from a PRNG seeded with `seed`, in the order of the calls that make them, so the same seed
 * and the same calls replay the same delays. Delays run on the sandbox clock (Runtime.now), so advanceClock ends them.
 */

export type Profile = "exact" | "realistic";

/** Inclusive bounds of one kind of delay, in milliseconds. */
export interface DelayBounds {
  minMs: number;
  maxMs: number;
}

export interface ConsistencyBounds {
  /** A created endpoint, endpoint service or security group becomes visible to EC2 calls. */
  ec2: DelayBounds;
  /** Its tags become visible (in describes and tag filters), counted from its creation, never before it. */
  ec2Tags: DelayBounds;
  /** A new or re-created role becomes assumable; a changed permission policy takes effect. */
  iam: DelayBounds;
}

/**
 * The realistic profile's defaults. AWS publishes no figure for either: EC2 advises retrying "starting with a couple
 * of seconds" and IAM says a change "takes time to become visible"; these are what retries of a few seconds meet.
 * Tests pass smaller ones to startSandbox (docs/SANDBOX.md).
 */
export const REALISTIC_BOUNDS: ConsistencyBounds = {
  ec2: { minMs: 0, maxMs: 3_000 },
  ec2Tags: { minMs: 0, maxMs: 3_000 },
  iam: { minMs: 1_000, maxMs: 10_000 },
};

/** The exact profile's: every change is seen at once. */
const NO_DELAYS: ConsistencyBounds = { ec2: { minMs: 0, maxMs: 0 }, ec2Tags: { minMs: 0, maxMs: 0 }, iam: { minMs: 0, maxMs: 0 } };

export interface ConsistencyOptions {
  profile?: Profile;
  /** Any integer; random when left out (and then told in GET /_sandbox/profile, so a run can be replayed). */
  seed?: number;
  /** Realistic only: replaces REALISTIC_BOUNDS, kind by kind. */
  bounds?: Partial<ConsistencyBounds>;
}

/** mulberry32: small, fast and good enough for jitter; the same seed gives the same sequence. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function randomSeed(): number {
  return randomInt(0, 2 ** 31);
}

type PolicyChange = { previous: Record<string, string>; effectiveAt: number };

export class Consistency {
  readonly profile: Profile;
  readonly seed: number;
  readonly bounds: ConsistencyBounds;
  private next: () => number;
  /** EC2 resource id -> when calls first see it. */
  private readonly visibleAt = new Map<string, number>();
  /** EC2 resource id -> when its tags are first seen. */
  private readonly tagsVisibleAt = new Map<string, number>();
  /** Role unique id -> when AssumeRole first admits it. */
  private readonly roleActiveAt = new Map<string, number>();
  /** Role unique id -> the policies still evaluated until the latest change takes effect. */
  private readonly policyChanges = new Map<string, PolicyChange>();

  constructor(options: ConsistencyOptions = {}) {
    this.profile = options.profile ?? "exact";
    this.seed = options.seed ?? randomSeed();
    this.bounds = this.profile === "realistic" ? { ...REALISTIC_BOUNDS, ...options.bounds } : NO_DELAYS;
    for (const [kind, { minMs, maxMs }] of Object.entries(this.bounds)) {
      if (!(minMs >= 0 && maxMs >= minMs)) throw new Error(`consistency bounds for ${kind}: expected 0 <= minMs <= maxMs`);
    }
    this.next = prng(this.seed);
  }

  get isRealistic(): boolean {
    return this.profile === "realistic";
  }

  /** Forgets every pending change and starts the seeded sequence over (POST /_sandbox/reset). */
  reset(): void {
    this.visibleAt.clear();
    this.tagsVisibleAt.clear();
    this.roleActiveAt.clear();
    this.policyChanges.clear();
    this.next = prng(this.seed);
  }

  /** The next delay of this kind: an integer within its bounds. */
  draw(kind: keyof ConsistencyBounds): number {
    const { minMs, maxMs } = this.bounds[kind];
    return minMs + Math.floor(this.next() * (maxMs - minMs + 1));
  }

  /** A created EC2 resource: hidden from EC2 calls for a drawn delay, its tags for at least as long. */
  created(id: string, now: number): void {
    if (!this.isRealistic) return;
    const visible = now + this.draw("ec2");
    this.visibleAt.set(id, visible);
    this.tagsVisibleAt.set(id, Math.max(visible, now + this.draw("ec2Tags")));
  }

  /** False while an EC2 call cannot see the resource yet; other services (ELBv2's own lookups) always do. */
  isVisible(ctx: Pick<RequestContext, "service" | "now">, id: string): boolean {
    return ctx.service !== "ec2" || !isBefore(this.visibleAt, id, ctx.now);
  }

  areTagsVisible(ctx: Pick<RequestContext, "service" | "now">, id: string): boolean {
    return ctx.service !== "ec2" || !isBefore(this.tagsVisibleAt, id, ctx.now);
  }

  /** What an EC2 describe shows of a resource: itself, or, while its tags lag, itself without them. */
  view<T extends { tags: unknown[] }>(ctx: Pick<RequestContext, "service" | "now">, id: string, resource: T): T {
    return this.areTagsVisible(ctx, id) ? resource : { ...resource, tags: [] };
  }

  /** A new role, or one made again under the same name (it has a new unique id). */
  roleCreated(role: Pick<Role, "roleId">, now: number): void {
    if (this.isRealistic) this.roleActiveAt.set(role.roleId, now + this.draw("iam"));
  }

  isRoleActive(role: Pick<Role, "roleId">, now: number): boolean {
    return !isBefore(this.roleActiveAt, role.roleId, now);
  }

  /** Before a permission policy of the role changes: what is evaluated until the change takes effect. */
  policiesChanging(role: Pick<Role, "roleId" | "inlinePolicies">, now: number): void {
    if (!this.isRealistic) return;
    const pending = this.policyChanges.get(role.roleId);
    // Changes in a row: the policies in force stay those before the first one, until the last one propagates.
    const previous = pending && pending.effectiveAt > now ? pending.previous : { ...role.inlinePolicies };
    this.policyChanges.set(role.roleId, { previous, effectiveAt: now + this.draw("iam") });
  }

  /** The role's permission policies as IAM evaluates them now. */
  effectivePolicies(role: Pick<Role, "roleId" | "inlinePolicies">, now: number): Record<string, string> {
    const pending = this.policyChanges.get(role.roleId);
    return pending && pending.effectiveAt > now ? pending.previous : role.inlinePolicies;
  }

  /** The line a sandbox prints at start: enough to replay a run. */
  summary(): string {
    if (!this.isRealistic) return "profile exact (every change seen at once)";
    const { ec2, ec2Tags, iam } = this.bounds;
    const range = (b: DelayBounds) => `${b.minMs}-${b.maxMs} ms`;
    return `profile realistic, seed ${this.seed} (SANDBOX_SEED=${this.seed} replays it): EC2 ${range(ec2)}, tags ${range(ec2Tags)}, IAM ${range(iam)}`;
  }

  /** What GET /_sandbox/profile answers. */
  describe() {
    return { profile: this.profile, seed: this.seed, bounds: this.bounds };
  }
}

function isBefore(times: Map<string, number>, id: string, now: number): boolean {
  const at = times.get(id);
  if (at === undefined) return false;
  if (at > now) return true;
  times.delete(id);
  return false;
}

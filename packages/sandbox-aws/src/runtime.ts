import type { HealthView } from "./data-plane/health";
import type { TargetGroupRecord, TargetRecord } from "./elbv2/store";
import { Consistency } from "./consistency";
import type { AwsService } from "./errors";
import { Faults } from "./faults";
import { DEFAULT_IAM_QUOTAS } from "./iam";
import { SandboxState } from "./state";
import { Throttler, type ThrottlingOptions } from "./throttling";
import type { Params } from "./wire/params";
import type { XmlObject } from "./wire/xml";

/** How long the emulated state changes take, in milliseconds on the sandbox clock. */
export interface Delays {
  /** pending -> available (after acceptance, or at once when none is required). */
  pendingMs: number;
  /** deleting -> deleted. */
  deletingMs: number;
  /** How long a deleted endpoint stays visible before it disappears, as in AWS. */
  deletedRetentionMs: number;
  /** pendingAcceptance -> expired when nobody accepts in time. */
  expireAfterMs: number;
}

export const DEFAULT_DELAYS: Delays = {
  pendingMs: 3_000,
  deletingMs: 3_000,
  deletedRetentionMs: 10 * 60_000,
  expireAfterMs: 7 * 24 * 3_600_000,
};

/** Zero delays for tests; expiry stays long so tests move the clock to see it. */
export const ZERO_DELAYS: Delays = { pendingMs: 0, deletingMs: 0, deletedRetentionMs: 60_000, expireAfterMs: 7 * 24 * 3_600_000 };

export interface Caller {
  accountId: string;
  /** `arn:aws:iam::<acct>:root` or `arn:aws:sts::<acct>:assumed-role/<role>/<session>`. */
  arn: string;
  userId: string;
  /** For role sessions, the role's ARN (with its path). */
  roleArn?: string;
  /** For role sessions, the unique id of the role assumed: a role made again under the same name has another. */
  roleId?: string;
  accessKeyId: string;
}

export class Runtime {
  readonly state = new SandboxState();
  readonly faults = new Faults();
  readonly throttler: Throttler;
  /** Added to the wall clock: tests move time forward to expire credentials and requests. */
  clockOffsetMs = 0;
  /** IAM's quotas per account (iam.ts); tests lower them. */
  iamQuotas = { ...DEFAULT_IAM_QUOTAS };
  /** What the data plane's health checks found, while it runs (DescribeTargetHealth); null when it is off. */
  targetHealth: { view(group: TargetGroupRecord, target: TargetRecord): HealthView } | null = null;

  constructor(
    public delays: Delays,
    throttling: ThrottlingOptions,
    /** The profile: exact (every change seen at once) or realistic (AWS's eventual consistency, consistency.ts). */
    readonly consistency = new Consistency(),
  ) {
    this.throttler = new Throttler(throttling);
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }
}

export interface RequestContext {
  runtime: Runtime;
  service: AwsService;
  action: string;
  region: string;
  caller: Caller;
  params: Params;
  now: number;
  /** True when an injected fault asks new endpoints to fail. */
  failEndpoints: boolean;
}

export type Handler = (ctx: RequestContext) => XmlObject | undefined;

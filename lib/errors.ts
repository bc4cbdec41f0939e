// The one error `lib/` throws: `code` is stable, `detail` a sentence for a person. Only lib/api makes responses of it.

export type InvalidParam = { name: string; reason: string };

export const STATUS_BY_CODE = {
  validation_failed: 422,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  email_unverified: 403,
  plan_not_eligible: 403,
  sso_required: 403,
  mfa_required: 403,
  quota_exceeded: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  token_invalid: 410,
  conflict: 409,
  service_in_use: 409,
  private_dns_conflict: 409,
  idempotency_key_reused: 422,
  email_taken: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  probe_rate_limited: 429,
  internal: 500,
  not_ready: 503,
  aws_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof STATUS_BY_CODE;

export class AppError extends Error {
  readonly invalidParams?: InvalidParam[];
  /** Seconds (429). */
  readonly retryAfter?: number;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    options: { invalidParams?: InvalidParam[]; retryAfter?: number; cause?: unknown } = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = "AppError";
    this.invalidParams = options.invalidParams;
    this.retryAfter = options.retryAfter;
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }
}

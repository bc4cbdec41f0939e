import { z } from "zod";
import { AppError, type ErrorCode } from "@/lib/errors";

/** RFC 9457 problem details, plus our `code`, `requestId` and `invalidParams`. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string(),
    requestId: z.string(),
    invalidParams: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  })
  .meta({ id: "Problem" });

const TITLES: Record<ErrorCode, string> = {
  validation_failed: "Your request has invalid fields",
  bad_request: "Bad request",
  unauthenticated: "Authentication required",
  invalid_credentials: "Invalid credentials",
  forbidden: "Forbidden",
  email_unverified: "Your email address is not verified yet",
  plan_not_eligible: "Your plan does not include this",
  sso_required: "Sign in through your organization's single sign-on",
  mfa_required: "A second factor is required",
  quota_exceeded: "Quota reached",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  request_timeout: "Request timeout",
  token_invalid: "This link is no longer valid",
  conflict: "Conflict",
  service_in_use: "Another organization is connected to this service",
  private_dns_conflict: "The private DNS name is in use",
  idempotency_key_reused: "Idempotency-Key already used for another request",
  email_taken: "Email already registered",
  payload_too_large: "Request body too large",
  unsupported_media_type: "Unsupported media type",
  too_many_requests: "Too many requests",
  probe_rate_limited: "Probed on request too recently",
  internal: "Internal server error",
  not_ready: "Service not ready",
  aws_unavailable: "AWS is unavailable",
};

export function problemResponse(error: AppError, { requestId, instance }: { requestId: string; instance: string }): Response {
  const body: z.infer<typeof problemSchema> = {
    type: `/docs/errors#${error.code}`,
    title: TITLES[error.code],
    status: error.status,
    detail: error.detail,
    instance,
    code: error.code,
    requestId,
    ...(error.invalidParams ? { invalidParams: error.invalidParams } : {}),
  };
  const headers = new Headers({ "content-type": "application/problem+json", "x-request-id": requestId });
  if (error.retryAfter !== undefined) headers.set("retry-after", String(error.retryAfter));
  return new Response(JSON.stringify(body), { status: error.status, headers });
}

// AWS errors, classified once: `throttled` and `transient` are retried later (backoff and jitter); `permanent` is not, and its
// message says what to fix, with the AWS code beside it for support. Pure: no SDK import, so it runs anywhere.

export type AwsFailureKind = "throttled" | "transient" | "permanent";

export type AwsFailure = {
  kind: AwsFailureKind;
  code: string;
  message: string;
  awsMessage?: string;
  httpStatus?: number;
};

export type ClassifyContext = {
  principal?: string;
  operation?: string;
};

export class AwsCallError extends Error {
  constructor(
    readonly failure: AwsFailure,
    options: { cause?: unknown } = {},
  ) {
    super(failure.message, options);
    this.name = "AwsCallError";
  }

  get retryable(): boolean {
    return this.failure.kind !== "permanent";
  }
}

const THROTTLING = new Set([
  "RequestLimitExceeded",
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "TooManyRequestsException",
  "RequestThrottled",
  "RequestThrottledException",
  "EC2ThrottledException",
  "SlowDown",
  "PriorRequestNotComplete",
  "BandwidthLimitExceeded",
]);

const TRANSIENT_CODES = new Set([
  "InternalError",
  "InternalFailure",
  "InternalServerError",
  "InternalServiceError",
  "ServiceFailure",
  "ServiceFailureException",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "Unavailable",
  "RequestTimeout",
  "RequestTimeoutException",
  "ConcurrentModification",
  "ConcurrentModificationException",
  // The request was signed too far from AWS's clock; the SDK corrects its clock offset on retry.
  "RequestExpired",
]);

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "ENOTFOUND", "ENETUNREACH", "EHOSTUNREACH", "ECONNABORTED"]);
const NETWORK_NAMES = new Set(["TimeoutError", "RequestTimeout", "AbortError", "NetworkingError"]);

const ACCESS_DENIED = new Set(["UnauthorizedOperation", "AccessDenied", "AccessDeniedException", "UnauthorizedAccess", "Client.UnauthorizedOperation"]);

const QUOTAS = new Set([
  "VpcEndpointLimitExceeded",
  "VpcEndpointServiceLimitExceeded",
  "LimitExceeded",
  "LimitExceededException",
  "ServiceQuotaExceededException",
  "ResourceLimitExceeded",
  "NetworkInterfaceLimitExceeded",
  "TagLimitExceeded",
]);

const BAD_PARAMETERS = new Set([
  "InvalidParameter",
  "InvalidParameterValue",
  "InvalidParameterCombination",
  "MissingParameter",
  "ValidationError",
  "InvalidSubnet",
  "InvalidSubnetID.NotFound",
  "InvalidSubnetID.Malformed",
  "DuplicateSubnetsInSameZone",
  "InvalidVpcID.NotFound",
  "InvalidVpcId.Malformed",
  "InvalidGroup.NotFound",
  "InvalidGroupId.Malformed",
  "InvalidVpcEndpointId.Malformed",
]);

const ENDPOINT_NOT_FOUND = new Set(["InvalidVpcEndpointId.NotFound", "InvalidVpcEndpoint.NotFound"]);

const CREDENTIALS = new Set([
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "AuthFailure",
  "ExpiredToken",
  "ExpiredTokenException",
  "UnrecognizedClientException",
  "InvalidAccessKeyId",
  "MissingAuthenticationToken",
  "IncompleteSignature",
  "CredentialsProviderError",
]);

// What AWS answers credentials it no longer honours, where a new session of the same role may succeed: UnauthorizedOperation
// (AccessDenied elsewhere) once the role is deleted or made again (a new role has a new unique id, the old sessions are not
// its sessions); AuthFailure, InvalidClientTokenId or an expiry for a token it refuses outright.
const SESSION_REFUSALS = new Set([...ACCESS_DENIED, "AuthFailure", "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException", "RequestExpired"]);

export function refusesSession(failure: Pick<AwsFailure, "code">): boolean {
  return SESSION_REFUSALS.has(failure.code);
}

type ErrorShape = { code: string; awsMessage?: string; httpStatus?: number; fault?: string };

function field(value: object, key: string): unknown {
  return (value as Record<string, unknown>)[key];
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

function shapeOf(error: unknown): ErrorShape {
  if (typeof error !== "object" || error === null) return { code: "Unknown", awsMessage: text(error) };
  const metadata = field(error, "$metadata");
  const status = typeof metadata === "object" && metadata !== null ? field(metadata, "httpStatusCode") : undefined;
  const systemCode = text(field(error, "code"));
  const name = text(field(error, "name"));
  const declared = text(field(error, "Code"));
  // Node's network errors carry `code` and a generic name; SDK errors carry the AWS code as `name`.
  const named = name && name !== "Error" ? name : undefined;
  const code = systemCode && NETWORK_CODES.has(systemCode) ? systemCode : (declared ?? named ?? systemCode ?? "Unknown");
  return {
    code,
    awsMessage: text(field(error, "message")) ?? text(field(error, "Message")),
    httpStatus: typeof status === "number" ? status : undefined,
    fault: text(field(error, "$fault")),
  };
}

function as(principal: string | undefined): string {
  return principal ? ` (${principal})` : "";
}

function permanentMessage(shape: ErrorShape, context: ClassifyContext): string {
  const { code } = shape;
  const detail = shape.awsMessage ? ` AWS says: ${shape.awsMessage}` : "";
  if (code === "InvalidServiceName") {
    const principal = context.principal ?? "the principal ARN shown in the portal";
    return `We cannot see this service. Allowlist ${principal} on it (the endpoint service's allowed principals), check that the service name and its region are right, then verify again.`;
  }
  if (ACCESS_DENIED.has(code)) {
    const operation = context.operation ? ` to call ${context.operation}` : "";
    return `The vendor's AWS principal${as(context.principal)} is not allowed${operation}. Grant the permission in its IAM policy (and, for a role, check its trust policy and external id).${detail}`;
  }
  if (QUOTAS.has(code)) {
    return `An AWS quota in the vendor account is reached (${code}). Raise it in Service Quotas or delete endpoints that are no longer used, then retry.${detail}`;
  }
  if (ENDPOINT_NOT_FOUND.has(code)) {
    return `The VPC endpoint no longer exists in AWS: it was deleted outside the portal. Delete the link, or provision it again.${detail}`;
  }
  if (BAD_PARAMETERS.has(code)) {
    return `AWS refused the request's parameters. Check the vendor network for this region (VPC, subnets in the service's availability zones, security groups) and the service's settings.${detail}`;
  }
  if (code === "IdempotentParameterMismatch") {
    return "An endpoint was already requested for this link with different settings (same client token). Restore the link's original settings, or delete the link and register it again.";
  }
  if (CREDENTIALS.has(code)) {
    return `The vendor's AWS credentials were refused (${code}): they are invalid, expired or signed with the wrong secret. Check the control principal's configuration (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or the instance role) and the machine's clock.`;
  }
  if (code === "NoSuchEntity" || code === "NoSuchEntityException")
    return `The IAM entity does not exist in the vendor account; it may have been deleted outside the portal.${detail}`;
  return `AWS refused the request (${code}).${detail || " Check the request and try again."}`;
}

function classify(shape: ErrorShape): AwsFailureKind {
  const { code, httpStatus, fault } = shape;
  if (THROTTLING.has(code) || httpStatus === 429) return "throttled";
  if (TRANSIENT_CODES.has(code) || NETWORK_CODES.has(code) || NETWORK_NAMES.has(code)) return "transient";
  if (httpStatus !== undefined && httpStatus >= 500) return "transient";
  if (httpStatus === undefined && fault === "server") return "transient";
  return "permanent";
}

export function classifyAwsError(error: unknown, context: ClassifyContext = {}): AwsFailure {
  if (error instanceof AwsCallError) return error.failure;
  const shape = shapeOf(error);
  const kind = classify(shape);
  const message =
    kind === "throttled"
      ? `AWS is throttling our requests (${shape.code}); the call will be retried shortly.`
      : kind === "transient"
        ? `AWS could not be reached or failed temporarily (${shape.code}); the call will be retried.`
        : permanentMessage(shape, context);
  return {
    kind,
    code: shape.code,
    message,
    ...(shape.awsMessage !== undefined ? { awsMessage: shape.awsMessage } : {}),
    ...(shape.httpStatus !== undefined ? { httpStatus: shape.httpStatus } : {}),
  };
}

// AWS is eventually consistent ("Eventual consistency in the Amazon EC2 API"; IAM's "Changes that I make are not always
// immediately visible"): right after a create, EC2 may answer that the resource does not exist, and IAM may refuse a role
// just made, made again or given a new policy. For a bounded time after such a change those answers are the change still
// propagating, so transient; after it they are what they say, permanent as before.

/** How long after an endpoint is recorded EC2 may still not show it (AWS advises retrying for up to a few minutes; ours settle in seconds). */
export const EC2_CONSISTENCY_MS = 60_000;

/** How long after a role is made, made again or given a new policy IAM may still refuse it or evaluate its old policy. */
export const ROLE_PROPAGATION_MS = 60_000;

const UNTIL_PROPAGATED = new Set([...ACCESS_DENIED, ...ENDPOINT_NOT_FOUND, "InvalidVpcEndpointServiceId.NotFound", "InvalidGroup.NotFound"]);

/** True while a change made at `since` (epoch ms) may still be propagating. */
export function isPropagating(since: number | Date | null | undefined, windowMs: number, now = Date.now()): boolean {
  if (since === null || since === undefined) return false;
  return now - (typeof since === "number" ? since : since.getTime()) < windowMs;
}

/** `failure` as it stands while the change at `since` propagates: a refusal or a "does not exist" is then transient. */
export function whilePropagating(failure: AwsFailure, since: number | Date | null | undefined, windowMs: number, now = Date.now()): AwsFailure {
  if (failure.kind !== "permanent" || !UNTIL_PROPAGATED.has(failure.code) || !isPropagating(since, windowMs, now)) return failure;
  const message = `AWS answered ${failure.code} for a change made moments ago, which it may not have propagated yet; the call will be retried.`;
  return { ...failure, kind: "transient", message };
}

export async function awsCall<T>(call: Promise<T>, context: ClassifyContext = {}): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof AwsCallError) throw error;
    throw new AwsCallError(classifyAwsError(error, context), { cause: error });
  }
}

export async function* awsPages<T>(pages: AsyncIterable<T>, context: ClassifyContext = {}): AsyncGenerator<T> {
  const iterator = pages[Symbol.asyncIterator]();
  for (;;) {
    const page = await awsCall(iterator.next(), context);
    if (page.done) return;
    yield page.value;
  }
}

import { describe, expect, it } from "vitest";
import {
  AwsCallError,
  awsCall,
  classifyAwsError,
  EC2_CONSISTENCY_MS,
  isPropagating,
  refusesSession,
  ROLE_PROPAGATION_MS,
  whilePropagating,
} from "@/lib/aws/errors";

/** Errors shaped as the SDK throws them: ServiceException with name, message, $fault and $metadata. */
function serviceError(name: string, status: number, message = `${name} happened`, fault: "client" | "server" = status >= 500 ? "server" : "client") {
  return Object.assign(new Error(message), { name, $fault: fault, $metadata: { httpStatusCode: status, requestId: "req-1", attempts: 1 } });
}

/** Node's network errors: a generic name and a system `code`. */
function networkError(code: string) {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:4566`), { code, errno: -111, syscall: "connect" });
}

const PRINCIPAL = "arn:aws:iam::111111111111:role/privatelink/pl-acme-0123456789";

describe("classifyAwsError", () => {
  it.each([
    ["RequestLimitExceeded", 503],
    ["Throttling", 400],
    ["ThrottlingException", 400],
    ["TooManyRequestsException", 429],
    ["RequestThrottled", 400],
  ])("treats %s (%i) as throttling", (code, status) => {
    const failure = classifyAwsError(serviceError(code, status));
    expect(failure).toMatchObject({ kind: "throttled", code, httpStatus: status, awsMessage: `${code} happened` });
    expect(failure.message).toMatch(/throttling/);
  });

  it("treats any 429 as throttling", () => {
    expect(classifyAwsError(serviceError("SomethingNew", 429)).kind).toBe("throttled");
  });

  it.each([
    ["InternalError", 500],
    ["InternalFailure", 500],
    ["ServiceUnavailable", 503],
    ["Unavailable", 503],
    ["ServiceFailureException", 500],
    ["SomethingElse", 502],
    ["ConcurrentModification", 409],
    ["RequestExpired", 400],
  ])("treats %s (%i) as transient", (code, status) => {
    const failure = classifyAwsError(serviceError(code, status));
    expect(failure).toMatchObject({ kind: "transient", code, httpStatus: status });
    expect(failure.message).toMatch(/retried/);
  });

  it("treats a server fault without a status as transient", () => {
    expect(classifyAwsError(Object.assign(new Error("boom"), { name: "Weird", $fault: "server" })).kind).toBe("transient");
  });

  it.each(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE"])("treats the network error %s as transient", (code) => {
    expect(classifyAwsError(networkError(code))).toMatchObject({ kind: "transient", code });
  });

  it("treats the SDK's TimeoutError as transient", () => {
    expect(classifyAwsError(Object.assign(new Error("Connection timed out after 1000 ms"), { name: "TimeoutError" }))).toMatchObject({
      kind: "transient",
      code: "TimeoutError",
    });
  });

  it("names the principal to allowlist for InvalidServiceName", () => {
    const failure = classifyAwsError(serviceError("InvalidServiceName", 400, "The Vpc Endpoint Service 'x' does not exist"), { principal: PRINCIPAL });
    expect(failure).toMatchObject({ kind: "permanent", code: "InvalidServiceName", awsMessage: "The Vpc Endpoint Service 'x' does not exist" });
    expect(failure.message).toContain(`Allowlist ${PRINCIPAL} on it`);
    expect(failure.message).toMatch(/^We cannot see this service\./);
  });

  it("still says what to do for InvalidServiceName without a principal", () => {
    expect(classifyAwsError(serviceError("InvalidServiceName", 400)).message).toMatch(/Allowlist the principal ARN shown in the portal/);
  });

  it.each(["UnauthorizedOperation", "AccessDenied", "AccessDeniedException"])("explains %s as a missing permission", (code) => {
    const failure = classifyAwsError(serviceError(code, 403), { operation: "ec2:CreateVpcEndpoint", principal: PRINCIPAL });
    expect(failure.kind).toBe("permanent");
    expect(failure.message).toContain("is not allowed to call ec2:CreateVpcEndpoint");
    expect(failure.message).toContain(PRINCIPAL);
  });

  it.each(["VpcEndpointLimitExceeded", "LimitExceeded", "LimitExceededException", "ServiceQuotaExceededException"])("explains %s as a quota", (code) => {
    const failure = classifyAwsError(serviceError(code, 400));
    expect(failure.kind).toBe("permanent");
    expect(failure.message).toMatch(/quota .* is reached/);
    expect(failure.message).toContain("Service Quotas");
  });

  it.each(["InvalidParameter", "InvalidParameterValue", "InvalidSubnet", "InvalidSubnetID.NotFound", "DuplicateSubnetsInSameZone"])(
    "explains %s as a parameter problem and keeps AWS's words",
    (code) => {
      const failure = classifyAwsError(serviceError(code, 400, "The subnet ID 'subnet-1' does not exist"));
      expect(failure.kind).toBe("permanent");
      expect(failure.message).toMatch(/refused the request's parameters/);
      expect(failure.message).toContain("AWS says: The subnet ID 'subnet-1' does not exist");
    },
  );

  it.each(["InvalidVpcEndpointId.NotFound", "InvalidVpcEndpoint.NotFound"])("explains %s as an endpoint deleted outside the portal", (code) => {
    const failure = classifyAwsError(serviceError(code, 400));
    expect(failure.kind).toBe("permanent");
    expect(failure.message).toMatch(/deleted outside the portal/);
  });

  it("explains IdempotentParameterMismatch", () => {
    const failure = classifyAwsError(serviceError("IdempotentParameterMismatch", 400));
    expect(failure).toMatchObject({ kind: "permanent", code: "IdempotentParameterMismatch" });
    expect(failure.message).toMatch(/different settings \(same client token\)/);
  });

  it.each([
    ["InvalidClientTokenId", 403],
    ["SignatureDoesNotMatch", 403],
    ["AuthFailure", 401],
    ["ExpiredToken", 403],
    ["ExpiredTokenException", 400],
  ])("explains %s as refused credentials", (code, status) => {
    const failure = classifyAwsError(serviceError(code, status));
    expect(failure.kind).toBe("permanent");
    expect(failure.message).toMatch(/credentials were refused/);
  });

  it("explains NoSuchEntity", () => {
    expect(classifyAwsError(serviceError("NoSuchEntityException", 404)).message).toMatch(/does not exist in the vendor account/);
  });

  it("falls back to a generic permanent failure with AWS's message", () => {
    const failure = classifyAwsError(serviceError("MalformedPolicyDocument", 400, "This policy contains invalid Json"));
    expect(failure).toEqual({
      kind: "permanent",
      code: "MalformedPolicyDocument",
      message: "AWS refused the request (MalformedPolicyDocument). AWS says: This policy contains invalid Json",
      awsMessage: "This policy contains invalid Json",
      httpStatus: 400,
    });
  });

  it("reads an explicit Code field and tolerates values that are not errors", () => {
    expect(classifyAwsError({ Code: "RequestLimitExceeded", message: "slow down" }).kind).toBe("throttled");
    expect(classifyAwsError("something broke")).toMatchObject({ kind: "permanent", code: "Unknown", awsMessage: "something broke" });
    expect(classifyAwsError(undefined)).toMatchObject({ kind: "permanent", code: "Unknown" });
    expect(classifyAwsError(new Error("plain"))).toMatchObject({ kind: "permanent", code: "Unknown", awsMessage: "plain" });
  });

  it("passes an AwsCallError's failure through unchanged", () => {
    const failure = { kind: "transient" as const, code: "X", message: "m" };
    expect(classifyAwsError(new AwsCallError(failure))).toBe(failure);
  });
});

describe("awsCall", () => {
  it("returns the value of a successful call", async () => {
    await expect(awsCall(Promise.resolve(42))).resolves.toBe(42);
  });

  it("rethrows failures as AwsCallError with the context and the cause", async () => {
    const cause = serviceError("InvalidServiceName", 400);
    const error: unknown = await awsCall(Promise.reject(cause), { principal: PRINCIPAL }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    const callError = error as AwsCallError;
    expect(callError.failure.code).toBe("InvalidServiceName");
    expect(callError.message).toContain(PRINCIPAL);
    expect(callError.retryable).toBe(false);
    expect(callError.cause).toBe(cause);
  });

  it("does not wrap an AwsCallError twice", async () => {
    const inner = new AwsCallError({ kind: "throttled", code: "Throttling", message: "m" });
    await expect(awsCall(Promise.reject(inner))).rejects.toBe(inner);
    expect(inner.retryable).toBe(true);
  });
});

describe("refusesSession", () => {
  it("is true for what AWS answers a session it no longer honours, and only that", () => {
    for (const code of [
      "UnauthorizedOperation",
      "AccessDenied",
      "AccessDeniedException",
      "AuthFailure",
      "InvalidClientTokenId",
      "ExpiredToken",
      "RequestExpired",
    ]) {
      expect(refusesSession(classifyAwsError(serviceError(code, 403))), code).toBe(true);
    }
    for (const code of ["InvalidServiceName", "RequestLimitExceeded", "VpcEndpointLimitExceeded", "InternalError"]) {
      expect(refusesSession(classifyAwsError(serviceError(code, 400))), code).toBe(false);
    }
  });
});

describe("while a change propagates", () => {
  const NOW = 1_000_000;
  const failure = (code: string) => classifyAwsError(Object.assign(new Error("no"), { name: code, $metadata: { httpStatusCode: 400 } }));

  it.each(["AccessDenied", "UnauthorizedOperation", "InvalidVpcEndpointId.NotFound", "InvalidVpcEndpointServiceId.NotFound", "InvalidGroup.NotFound"])(
    "makes %s transient within the window and leaves it permanent after",
    (code) => {
      expect(failure(code).kind).toBe("permanent");
      expect(whilePropagating(failure(code), NOW - 59_999, 60_000, NOW)).toMatchObject({ kind: "transient", code });
      expect(whilePropagating(failure(code), NOW - 60_000, 60_000, NOW)).toEqual(failure(code));
      expect(whilePropagating(failure(code), null, 60_000, NOW)).toEqual(failure(code));
    },
  );

  it("leaves other permanent errors alone, however recent the change", () => {
    for (const code of ["InvalidServiceName", "VpcEndpointLimitExceeded", "InvalidParameter"]) {
      expect(whilePropagating(failure(code), NOW, 60_000, NOW)).toEqual(failure(code));
    }
  });

  it("bounds both windows", () => {
    expect(isPropagating(new Date(NOW - EC2_CONSISTENCY_MS + 1), EC2_CONSISTENCY_MS, NOW)).toBe(true);
    expect(isPropagating(new Date(NOW - EC2_CONSISTENCY_MS), EC2_CONSISTENCY_MS, NOW)).toBe(false);
    expect(isPropagating(NOW - ROLE_PROPAGATION_MS, ROLE_PROPAGATION_MS, NOW)).toBe(false);
    expect(isPropagating(undefined, ROLE_PROPAGATION_MS, NOW)).toBe(false);
  });
});

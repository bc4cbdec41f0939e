import { AwsError, type AwsService, type JsonService } from "./errors";
import type { Caller, Runtime } from "./runtime";
import { accountByAccessKey } from "./accounts";
import { expectedSignature, headerValue, parseAmzDate, parseAuthorization, signatureMatches, type ParsedAuthorization, type SignedRequest } from "./sigv4";

/** AWS refuses requests signed more than 15 minutes away from its own clock. */
const MAX_SKEW_MS = 15 * 60_000;

function invalidKey(service: AwsService | JsonService): AwsError {
  return service === "ec2"
    ? new AwsError("AuthFailure", "AWS was not able to validate the provided access credentials", 401)
    : new AwsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403);
}

function badSignature(service: AwsService | JsonService): AwsError {
  return service === "ec2"
    ? new AwsError("AuthFailure", "AWS was not able to validate the provided access credentials", 401)
    : new AwsError(
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
        403,
      );
}

function expired(service: AwsService | JsonService): AwsError {
  return service === "ec2"
    ? new AwsError("RequestExpired", "Request has expired.", 400)
    : new AwsError("ExpiredToken", "The security token included in the request is expired", 403);
}

/** Reads the credential scope without verifying anything: it decides the service and region. */
export function readScope(request: SignedRequest): ParsedAuthorization | undefined {
  const header = headerValue(request.headers, "authorization");
  return header ? parseAuthorization(header) : undefined;
}

/**
 * Verifies a SigV4-signed request and names its caller: an account's own keys act as the
 * account root; keys from AssumeRole act as the role session until they expire.
 */
export function authenticate(runtime: Runtime, request: SignedRequest, service: AwsService | JsonService, auth: ParsedAuthorization | undefined): Caller {
  if (!auth) {
    throw new AwsError(
      "MissingAuthenticationToken",
      service === "ec2"
        ? "The request must contain either a valid (registered) AWS access key ID or X.509 certificate."
        : "Request is missing Authentication Token",
      service === "ec2" ? 401 : 403,
    );
  }
  const amzDate = headerValue(request.headers, "x-amz-date");
  const signedAt = parseAmzDate(amzDate ?? "");
  if (!amzDate || Number.isNaN(signedAt)) {
    throw new AwsError("IncompleteSignature", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (Math.abs(Date.now() - signedAt) > MAX_SKEW_MS) {
    throw service === "ec2"
      ? new AwsError("RequestExpired", `Request has expired. Timestamp date is ${amzDate}`)
      : new AwsError("SignatureDoesNotMatch", `Signature expired: ${amzDate} is now earlier than the allowed 15 minutes window.`, 403);
  }
  const account = accountByAccessKey(runtime.state, auth.accessKeyId);
  if (account) {
    if (!signatureMatches(expectedSignature(request, auth, account.secretAccessKey), auth.signature)) throw badSignature(service);
    return {
      accountId: account.accountId,
      arn: `arn:aws:iam::${account.accountId}:root`,
      userId: account.accountId,
      accessKeyId: account.accessKeyId,
    };
  }
  const session = runtime.state.sessions.get(auth.accessKeyId);
  if (!session || headerValue(request.headers, "x-amz-security-token") !== session.sessionToken) throw invalidKey(service);
  if (!signatureMatches(expectedSignature(request, auth, session.secretAccessKey), auth.signature)) throw badSignature(service);
  if (runtime.now() >= session.expiresAt) throw expired(service);
  return {
    accountId: session.accountId,
    arn: `arn:aws:sts::${session.accountId}:assumed-role/${session.roleName}/${session.sessionName}`,
    userId: `${session.roleId}:${session.sessionName}`,
    roleArn: session.roleArn,
    roleId: session.roleId,
    accessKeyId: session.accessKeyId,
  };
}

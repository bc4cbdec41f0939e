/** The Query services the sandbox speaks, named as in the SigV4 credential scope. */
export type AwsService = "ec2" | "sts" | "iam" | "elasticloadbalancing";
/** Its REST-JSON services (wire/json.ts). */
export type JsonService = "vpc-lattice" | "ram";

/**
 * An error AWS would answer with. The wire layer renders it in the service's own error document
 * (EC2's `<Response><Errors>` or the Query `<ErrorResponse>`), so handlers only throw.
 */
export class AwsError extends Error {
  readonly type: "Sender" | "Receiver";

  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = "AwsError";
    this.type = status >= 500 ? "Receiver" : "Sender";
  }
}

export function missingParameter(service: AwsService, name: string): AwsError {
  if (service === "ec2") return new AwsError("MissingParameter", `The request must contain the parameter ${name}`);
  const member = name.charAt(0).toLowerCase() + name.slice(1);
  return new AwsError("ValidationError", `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
}

export function invalidParameterValue(message: string): AwsError {
  return new AwsError("InvalidParameterValue", message);
}

export function throttled(service: AwsService): AwsError {
  return service === "ec2" ? new AwsError("RequestLimitExceeded", "Request limit exceeded.", 503) : new AwsError("Throttling", "Rate exceeded", 400);
}

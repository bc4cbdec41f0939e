import { AwsError } from "../errors";
import type { Caller, Runtime } from "../runtime";
import { SandboxState, type Role } from "../state";
import type { Params } from "../wire/params";
import { ec2AuthorizationRequests } from "./ec2-requests";
import { evaluatePolicies, type AuthorizationRequest, type Decision } from "./evaluate";

/**
 * The permission check in front of every EC2 action. Only sessions of roles that carry a
 * permission policy are checked: account keys act as the account root (never restricted), and a
 * role with no inline policy keeps the sandbox's old "may do anything" so existing sandbox worlds
 * keep working (real IAM would deny it everything). A refusal answers as EC2 does:
 * UnauthorizedOperation, HTTP 403, with an encoded authorization failure message; the sandbox's
 * encoding is base64 of JSON (decode it with `base64 -d`), not AWS's opaque one.
 */

function roleOf(runtime: Runtime, caller: Caller): Role | undefined {
  const name = caller.roleArn?.split("/").at(-1) ?? "";
  const role = runtime.state.roles.get(SandboxState.roleKey(caller.accountId, name));
  // As IAM, by the role's unique id: a session of a role deleted and made again is not the new role's.
  return role && role.arn === caller.roleArn && role.roleId === caller.roleId ? role : undefined;
}

function encoded(caller: Caller, request: AuthorizationRequest, decision: Decision): string {
  const conditions = Object.fromEntries(request.context);
  const message = {
    allowed: false,
    explicitDeny: decision.effect === "explicit_deny",
    matchedStatements: decision.statementId ? [decision.statementId] : [],
    context: { principal: { arn: caller.arn }, action: request.action, resource: request.resource, conditions },
  };
  return Buffer.from(JSON.stringify(message)).toString("base64");
}

export function unauthorized(caller: Caller, request: AuthorizationRequest, decision: Decision): AwsError {
  return new AwsError(
    "UnauthorizedOperation",
    `You are not authorized to perform this operation. Encoded authorization failure message: ${encoded(caller, request, decision)}`,
    403,
  );
}

/**
 * The policies IAM evaluates for the caller: none to check (account keys, or a role without permission policies), or the
 * role's as they stand now (until a change propagates, the ones before it: consistency.ts). A session whose role was
 * deleted (or deleted and made again) is worth nothing, as in AWS: its documents allow nothing.
 */
function policiesOf(runtime: Runtime, caller: Caller, now: number): { role: Role | undefined; documents: string[] } | undefined {
  if (!caller.roleArn) return undefined;
  const role = roleOf(runtime, caller);
  const documents = Object.values(role ? runtime.consistency.effectivePolicies(role, now) : {});
  if (role && documents.length === 0) return undefined;
  return { role, documents };
}

function decide(policies: { role: Role | undefined; documents: string[] }, request: AuthorizationRequest): Decision {
  return policies.role ? evaluatePolicies(policies.documents, request) : { effect: "implicit_deny" };
}

/** Throws UnauthorizedOperation unless the caller may make this EC2 call. */
export function authorizeEc2(runtime: Runtime, caller: Caller, action: string, params: Params, region: string, now = runtime.now()): void {
  const policies = policiesOf(runtime, caller, now);
  if (!policies) return;
  const { role } = policies;
  const requests = role
    ? ec2AuthorizationRequests({ state: runtime.state, caller, role, action, params, region })
    : [{ action: `ec2:${action}`, resource: "*", context: new Map() }];
  for (const request of requests) {
    const decision = decide(policies, request);
    if (decision.effect !== "allow") throw unauthorized(caller, request, decision);
  }
}

/** Throws AccessDeniedException unless the caller may make this vpc-lattice or RAM call (`service:Action`, asked on `*`). */
export function authorizeAction(runtime: Runtime, caller: Caller, action: string, now = runtime.now()): void {
  const policies = policiesOf(runtime, caller, now);
  if (policies && decide(policies, { action, resource: "*", context: new Map() }).effect !== "allow") {
    throw new AwsError(
      "AccessDeniedException",
      `User: ${caller.arn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
      403,
    );
  }
}

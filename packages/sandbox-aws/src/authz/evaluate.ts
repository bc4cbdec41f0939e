import { conditionHolds, wildcardMatch, type PolicyContext } from "./conditions";

/**
 * IAM policy evaluation for one request (an action on a resource, with its context), as AWS
 * describes it for a single account: an explicit Deny in any statement wins; otherwise an Allow
 * that matches action, resource and condition allows; otherwise the request is implicitly denied.
 *
 * Action and NotAction take `service:Name` patterns with `*` and `?`, case-insensitive. Resource
 * and NotResource take ARNs with `*` and `?`, case-sensitive. A statement the sandbox cannot read
 * (an unknown condition operator, an odd shape) fails closed: an Allow does not apply, a Deny does.
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Statement = { [key: string]: Json };

export type AuthorizationRequest = {
  /** `ec2:CreateVpcEndpoint` */
  action: string;
  /** The resource's ARN, `arn:aws:ec2:<region>:<account>:vpc-endpoint/*` for one being created, or `*`. */
  resource: string;
  context: PolicyContext;
};

export type Decision = { effect: "allow" | "implicit_deny" | "explicit_deny"; statementId?: string };

function asStrings(value: Json | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const values = Array.isArray(value) ? value : [value];
  return values.every((v) => typeof v === "string") ? (values as string[]) : undefined;
}

/** Whether a statement's Action/NotAction (or Resource/NotResource) covers the value; undefined if unreadable. */
function covers(statement: Statement, positive: string, negative: string, value: string, ignoreCase: boolean): boolean | undefined {
  const listed = asStrings(statement[positive]);
  const excluded = asStrings(statement[negative]);
  if ((listed === undefined) === (excluded === undefined)) return undefined; // exactly one of the two
  const matches = (patterns: string[]) => patterns.some((pattern) => wildcardMatch(pattern, value, ignoreCase));
  return listed ? matches(listed) : !matches(excluded ?? []);
}

/** The statements of a policy document, or undefined when it is not one. */
export function statementsOf(document: string): Statement[] | undefined {
  let parsed: Json;
  try {
    parsed = JSON.parse(document) as Json;
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || parsed.Statement === undefined) return undefined;
  const statements = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
  return statements.every((s) => typeof s === "object" && s !== null && !Array.isArray(s)) ? (statements as Statement[]) : undefined;
}

/**
 * Whether a statement applies to the request: true, false, or undefined when the sandbox cannot
 * tell (the caller fails closed). `resource` is skipped for trust policies, which have none.
 */
export function statementApplies(statement: Statement, request: { action: string; resource?: string; context: PolicyContext }): boolean | undefined {
  const action = covers(statement, "Action", "NotAction", request.action, true);
  if (action === false) return false;
  const resource = request.resource === undefined ? true : covers(statement, "Resource", "NotResource", request.resource, false);
  if (resource === false) return false;
  const condition = conditionHolds(statement.Condition, request.context);
  if (condition === false) return false;
  return action === undefined || resource === undefined || condition === undefined ? undefined : true;
}

/** Evaluates identity-based policy documents (e.g. a role's inline policies) for one request. */
export function evaluatePolicies(documents: readonly string[], request: AuthorizationRequest): Decision {
  let allow: Decision | undefined;
  for (const document of documents) {
    const statements = statementsOf(document) ?? [];
    for (const statement of statements) {
      const effect = statement.Effect;
      const applies = statementApplies(statement, request);
      const sid = typeof statement.Sid === "string" ? statement.Sid : undefined;
      if (effect === "Deny" && applies !== false) return { effect: "explicit_deny", ...(sid ? { statementId: sid } : {}) };
      if (effect === "Allow" && applies === true) allow ??= { effect: "allow", ...(sid ? { statementId: sid } : {}) };
    }
  }
  return allow ?? { effect: "implicit_deny" };
}

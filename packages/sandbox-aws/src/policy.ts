import { statementApplies, statementsOf } from "./authz/evaluate";
import { principalAdmits } from "./principals";
import type { Caller } from "./runtime";

/**
 * Role trust policies: Allow/Deny statements on sts:AssumeRole for AWS principals, with the
 * condition operators of authz/conditions.ts on `sts:ExternalId` and `aws:PrincipalAccount`. An
 * explicit Deny wins; anything not allowed is denied; what the sandbox does not understand fails
 * closed (an Allow does not apply, a Deny does).
 */

/** Whether a document is a policy the sandbox can read (IAM answers MalformedPolicyDocument otherwise). */
export function isPolicyDocument(document: string): boolean {
  return statementsOf(document) !== undefined;
}

function principalMatches(principal: unknown, caller: Caller): boolean {
  if (principal === "*") return true;
  if (typeof principal !== "object" || principal === null || Array.isArray(principal)) return false;
  const aws = (principal as { AWS?: unknown }).AWS;
  const entries = Array.isArray(aws) ? aws : [aws];
  return entries.some((entry) => typeof entry === "string" && principalAdmits(entry, caller));
}

export function trustPolicyAllows(document: string, caller: Caller, externalId: string | undefined): boolean {
  const context = new Map<string, string>([["aws:principalaccount", caller.accountId]]);
  if (externalId !== undefined) context.set("sts:externalid", externalId);
  let allowed = false;
  for (const statement of statementsOf(document) ?? []) {
    if (!principalMatches(statement.Principal, caller)) continue;
    const applies = statementApplies(statement, { action: "sts:AssumeRole", context });
    if (statement.Effect === "Deny" && applies !== false) return false;
    if (statement.Effect === "Allow" && applies === true) allowed = true;
  }
  return allowed;
}

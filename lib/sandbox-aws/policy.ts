import { principalAdmits } from "./principals";
import type { Caller } from "./runtime";

/**
 * Just enough of IAM policy evaluation for role trust policies: Allow/Deny statements on
 * sts:AssumeRole, AWS principals, and StringEquals/StringLike conditions on sts:ExternalId.
 * An explicit Deny wins; anything not allowed is denied. Unknown condition operators never match,
 * so a policy the sandbox does not understand fails closed.
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function asArray(value: Json | undefined): Json[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function parsePolicy(document: string): { [key: string]: Json } | undefined {
  try {
    const parsed: Json = JSON.parse(document);
    return isObject(parsed) && parsed.Statement !== undefined ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function actionMatches(actions: Json | undefined, action: string): boolean {
  return asArray(actions).some((pattern) => {
    if (typeof pattern !== "string") return false;
    const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
    return regex.test(action);
  });
}

function principalMatches(principal: Json | undefined, caller: Caller): boolean {
  if (principal === "*") return true;
  if (!isObject(principal)) return false;
  return asArray(principal.AWS).some((entry) => typeof entry === "string" && principalAdmits(entry, caller));
}

function wildcard(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return regex.test(value);
}

function conditionsMatch(condition: Json | undefined, context: Record<string, string | undefined>): boolean {
  if (condition === undefined) return true;
  if (!isObject(condition)) return false;
  return Object.entries(condition).every(([operator, tests]) => {
    if (!isObject(tests)) return false;
    return Object.entries(tests).every(([key, expected]) => {
      const actual = context[key.toLowerCase()];
      if (actual === undefined) return false;
      const values = asArray(expected).filter((v): v is string => typeof v === "string");
      if (operator === "StringEquals") return values.includes(actual);
      if (operator === "StringLike") return values.some((pattern) => wildcard(pattern, actual));
      return false;
    });
  });
}

export function trustPolicyAllows(document: string, caller: Caller, externalId: string | undefined): boolean {
  const policy = parsePolicy(document);
  if (!policy) return false;
  const context = { "sts:externalid": externalId, "aws:principalaccount": caller.accountId };
  let allowed = false;
  for (const statement of asArray(policy.Statement)) {
    if (!isObject(statement)) continue;
    if (!actionMatches(statement.Action, "sts:AssumeRole")) continue;
    if (!principalMatches(statement.Principal, caller)) continue;
    if (!conditionsMatch(statement.Condition, context)) continue;
    if (statement.Effect === "Deny") return false;
    if (statement.Effect === "Allow") allowed = true;
  }
  return allowed;
}

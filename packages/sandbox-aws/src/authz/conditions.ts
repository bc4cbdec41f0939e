/**
 * IAM condition operators, as AWS documents them ("IAM JSON policy elements: Condition operators").
 * A condition block is { operator: { key: value | [values] } }: every operator must match, every key
 * under an operator must match, and any one of a key's policy values may match.
 *
 * Context keys are looked up case-insensitively (callers store them lower-cased). A key may be
 * single-valued (a string) or multivalued (aws:TagKeys). Without a set prefix, a positive operator
 * matches when any request value matches, a negated one when none does; an absent key matches only
 * negated operators. `ForAnyValue:` matches when at least one request value matches (never for an
 * absent key); `ForAllValues:` when every request value matches, which includes an absent or empty
 * key (AWS's documented, surprising rule). `Null: true` asks for an absent key.
 *
 * An operator the sandbox does not know answers `undefined`, and the statement's caller decides
 * how to fail closed (an Allow does not apply, a Deny does).
 */

export type ContextValue = string | readonly string[];
/** Keys lower-cased. */
export type PolicyContext = ReadonlyMap<string, ContextValue>;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, ignoreCase ? "is" : "s").test(value);
}

type Compare = (policyValue: string, requestValue: string) => boolean;

const COMPARISONS: Record<string, { compare: Compare; negated: boolean }> = {
  StringEquals: { compare: (p, r) => p === r, negated: false },
  StringNotEquals: { compare: (p, r) => p === r, negated: true },
  StringEqualsIgnoreCase: { compare: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { compare: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: true },
  StringLike: { compare: (p, r) => wildcardMatch(p, r), negated: false },
  StringNotLike: { compare: (p, r) => wildcardMatch(p, r), negated: true },
  ArnEquals: { compare: (p, r) => p === r, negated: false },
  ArnLike: { compare: (p, r) => wildcardMatch(p, r), negated: false },
  ArnNotEquals: { compare: (p, r) => p === r, negated: true },
  ArnNotLike: { compare: (p, r) => wildcardMatch(p, r), negated: true },
  Bool: { compare: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: false },
};

function policyValues(value: Json): string[] | undefined {
  const values = Array.isArray(value) ? value : [value];
  const strings = values.map((v) => (typeof v === "string" ? v : typeof v === "boolean" || typeof v === "number" ? String(v) : undefined));
  return strings.every((s) => s !== undefined) ? (strings as string[]) : undefined;
}

function requestValues(value: ContextValue | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" ? [value] : [...value];
}

/** One `operator: { key: values }` test; undefined when the operator is unknown. */
function testOperator(operator: string, key: string, expected: Json, context: PolicyContext): boolean | undefined {
  const wanted = policyValues(expected);
  if (!wanted) return undefined;
  const actual = requestValues(context.get(key.toLowerCase()));

  if (operator === "Null") {
    const isAbsent = actual === undefined || actual.length === 0;
    return wanted.some((w) => (w.toLowerCase() === "true" ? isAbsent : !isAbsent));
  }

  const [prefix, bare] = operator.includes(":") ? (operator.split(":", 2) as [string, string]) : [undefined, operator];
  const ifExists = bare.endsWith("IfExists");
  const comparison = COMPARISONS[ifExists ? bare.slice(0, -"IfExists".length) : bare];
  if (!comparison) return undefined;
  const matchesOne = (value: string) => wanted.some((w) => comparison.compare(w, value));
  // For a negated operator a value "matches" when it equals none of the policy's values.
  const valueMatches = (value: string) => (comparison.negated ? !matchesOne(value) : matchesOne(value));

  if (prefix === "ForAllValues") return (actual ?? []).every(valueMatches);
  if (prefix === "ForAnyValue") return (actual ?? []).some(valueMatches);
  if (prefix !== undefined) return undefined;
  if (actual === undefined) return ifExists || comparison.negated;
  return comparison.negated ? actual.every(valueMatches) : actual.some(valueMatches);
}

/** Whether a statement's Condition block holds; undefined when it uses something unknown. */
export function conditionHolds(condition: Json | undefined, context: PolicyContext): boolean | undefined {
  if (condition === undefined) return true;
  if (typeof condition !== "object" || condition === null || Array.isArray(condition)) return undefined;
  let holds = true;
  for (const [operator, tests] of Object.entries(condition)) {
    if (typeof tests !== "object" || tests === null || Array.isArray(tests)) return undefined;
    for (const [key, expected] of Object.entries(tests)) {
      const result = testOperator(operator, key, expected, context);
      if (result === undefined) return undefined;
      holds &&= result;
    }
  }
  return holds;
}

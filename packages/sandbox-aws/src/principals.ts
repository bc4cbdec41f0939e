import type { Caller } from "./runtime";

/**
 * Whether a principal named in a trust policy or an endpoint service allow list admits the caller.
 * `*` admits everyone; `arn:aws:iam::<acct>:root` (or the bare account id) every principal of that
 * account; a role ARN that role and its sessions; any other ARN only itself.
 */
export function principalAdmits(principal: string, caller: Caller): boolean {
  if (principal === "*") return true;
  if (principal === caller.accountId || principal === `arn:aws:iam::${caller.accountId}:root`) return true;
  if (principal === caller.arn) return true;
  if (caller.roleArn && principal === caller.roleArn) return true;
  return false;
}

export const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]{1,64})$/;
const PRINCIPAL_ARN = /^arn:aws:iam::\d{12}:(root|role\/[\w+=,.@/-]+|user\/[\w+=,.@/-]+)$/;

export function isValidPrincipal(principal: string): boolean {
  return principal === "*" || PRINCIPAL_ARN.test(principal);
}

export function principalType(principal: string): string {
  if (principal === "*") return "All";
  if (principal.endsWith(":root")) return "Account";
  if (principal.includes(":role/")) return "Role";
  return "User";
}

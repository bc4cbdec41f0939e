import { requireScope, type ApiScope, type Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { mfaRequiredError, type MfaGap } from "@/lib/auth/mfa/gate";

// Who may call each operation, as its table says: the wrapper (handler.ts) refuses everyone else before anything is parsed,
// and the OpenAPI document's access sentence is written from the same value. Verbs may check again.

/**
 * - "member": a member of the organization it acts for (owners included);
 * - "owner": an owner of it;
 * - "admin": a vendor admin acting across organizations;
 * - "self": a member signed in, acting on their own membership (the verb checks that it is theirs);
 * - "anyone": any valid credentials, in an organization or not.
 * An API key acts with its maker's current role (authenticate.ts), so a key is an owner's only while its maker is one.
 */
export type Party = "anyone" | "member" | "owner" | "admin" | "self";

/** "public": no credentials, no rate limit, not in the document. `sessionOnly`: API keys are refused. */
export type Access = { scope: ApiScope; by: readonly Party[]; sessionOnly?: true } | "public";
export type DeclaredAccess = Exclude<Access, "public">;

/** The signed-in person's own account, factors and choices: anyone signed in, never an API key. */
export const SESSION_ONLY = { scope: "write", by: ["anyone"], sessionOnly: true } as const satisfies DeclaredAccess;

type Caller = Pick<Ctx, "actor" | "organizationId" | "role" | "scopes">;

function isParty(caller: Caller, party: Party): boolean {
  const isMember = caller.organizationId !== null && caller.role !== "admin";
  switch (party) {
    case "anyone":
      return true;
    case "member":
      return isMember;
    case "owner":
      return isMember && caller.role === "owner";
    case "admin":
      return caller.role === "admin";
    case "self":
      return isMember && caller.actor.type === "user";
  }
}

const NEEDS: Record<Party, string> = {
  anyone: "anyone",
  member: "a member of an organization",
  owner: "an owner of the organization",
  admin: "a vendor admin",
  self: "a member signed in, for their own membership",
};

export function requireAccess(access: DeclaredAccess, caller: Caller): void {
  requireScope(caller, access.scope);
  if (access.sessionOnly && caller.actor.type !== "user") throw new AppError("forbidden", "This is done signed in to the portal, not with an API key.");
  if (access.by.some((party) => isParty(caller, party))) return;
  const asKey = caller.actor.type === "api_key" && caller.role !== "admin" ? ` An API key acts with its maker's current role (${caller.role}).` : "";
  throw new AppError("forbidden", `This needs ${access.by.map((party) => NEEDS[party]).join(" or ")}.${asKey}`);
}

/**
 * A session without the second factor it needs (a vendor admin under ADMIN_MFA=required, a member of an organization that
 * requires it) may do only what anyone signed in may: their own account, where they set one up. Every other operation,
 * whichever table declares it, answers `mfa_required`.
 */
export function requireSecondFactor(access: DeclaredAccess, gap: MfaGap | null | undefined): void {
  if (gap && !access.by.includes("anyone")) throw mfaRequiredError(gap);
}

const WHO: Record<Exclude<Party, "self">, string> = {
  anyone: "anyone",
  member: "members of the organization",
  owner: "owners of the organization",
  admin: "vendor admins",
};

/** The document's "Access:" sentence. */
export function accessSentence(access: DeclaredAccess): string {
  const names = access.by.filter((party): party is Exclude<Party, "self"> => party !== "self").map((party) => WHO[party]);
  const who = names.join(" and ").replace(/^./, (first) => first.toUpperCase());
  const self = access.by.includes("self") ? " Any member signed in, for their own membership." : "";
  if (access.sessionOnly) return `${who}, signed in to the portal (session cookie); API keys are refused.${self}`;
  return `${who}: signed in, or an API key with the \`${access.scope}\` scope whose maker is one of them now.${self}`;
}

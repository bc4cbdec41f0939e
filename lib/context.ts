import type { Engine } from "@/lib/engine";
import { AppError } from "@/lib/errors";

// Verbs scope every read and write by the ctx (docs/ARCHITECTURE.md, The context every verb takes).

export const API_SCOPES = ["read", "write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** A user's `sessionId`: the session the request came with (API requests; absent for pages and tests that act as a user). */
export type Actor = { type: "user"; id: string; sessionId?: string } | { type: "api_key"; id: string } | { type: "system"; id: null };

// An API key acts with its maker's current role, within its scopes (lib/api/authenticate.ts): verbs a key must never run
// (managing keys) check `actor.type`. The system (the worker) acts as an admin.
export type Role = "admin" | "owner" | "member";

type LogFn = (fields: Record<string, unknown>, message: string) => void;
export type Logger = { info: LogFn; warn: LogFn; error: LogFn };

export type Ctx = {
  actor: Actor;
  /** null: a vendor admin (or the system) acting across organizations. */
  organizationId: string | null;
  role: Role;
  /** An API key's scopes; sessions and the system hold both. */
  scopes: readonly ApiScope[];
  requestId: string;
  engine: Engine;
  log: Logger;
};

export type VerbArgs<I> = { ctx: Ctx; input: I };

export const SYSTEM_ACTOR = { type: "system", id: null } as const satisfies Actor;

export const SILENT_LOGGER: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export function systemCtx(engine: Engine, { requestId, log = SILENT_LOGGER }: { requestId: string; log?: Logger }): Ctx {
  return { actor: SYSTEM_ACTOR, organizationId: null, role: "admin", scopes: API_SCOPES, requestId, engine, log };
}

export function isVendorAdmin(ctx: Pick<Ctx, "role">): boolean {
  return ctx.role === "admin";
}

/** A vendor admin acting across organizations cannot use customer verbs. */
export function organizationOf(ctx: Pick<Ctx, "organizationId">): string {
  if (!ctx.organizationId) throw new AppError("forbidden", "This needs a member of an organization.");
  return ctx.organizationId;
}

export function requireVendorAdmin(ctx: Pick<Ctx, "role">): void {
  if (!isVendorAdmin(ctx)) throw new AppError("forbidden", "This needs a vendor admin.");
}

export function requireScope(ctx: Pick<Ctx, "scopes">, scope: ApiScope): void {
  if (!ctx.scopes.includes(scope)) throw new AppError("forbidden", `This API key lacks the ${scope} scope.`);
}

export function organizationScope(ctx: Pick<Ctx, "role" | "organizationId">): { organizationId?: string } {
  return isVendorAdmin(ctx) ? {} : { organizationId: organizationOf(ctx) };
}

import type { Engine } from "@/lib/engine";
import { AppError } from "@/lib/errors";

/**
 * Who acts, for whom, within which request, and with what: the one argument every verb takes
 * beside its input (`verbNoun({ ctx, input })`). Routes build it from the API key or session
 * (lib/api/authenticate.ts), the worker from a job (lib/jobs/worker.ts). Verbs scope every read and
 * write by it, and its request id follows the work into audit rows, jobs and logs.
 */

export const API_SCOPES = ["read", "write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export type Actor = { type: "user"; id: string } | { type: "api_key"; id: string } | { type: "system"; id: null };

/**
 * What the actor is: a vendor admin, acting across organizations (organizationId null), or an
 * owner or member of the organization acted for. An organization's API key acts as its owner
 * would, within its scopes (only owners issue keys); verbs a key must never run (managing keys)
 * check `actor.type`. The system (the worker) acts as an admin.
 */
export type Role = "admin" | "owner" | "member";

/** Structured log lines (pino's shape): fields first, then the message. */
type LogFn = (fields: Record<string, unknown>, message: string) => void;
export type Logger = { info: LogFn; warn: LogFn; error: LogFn };

export type Ctx = {
  actor: Actor;
  /** The organization acted for; null for a vendor admin (or the system) acting across organizations. */
  organizationId: string | null;
  role: Role;
  /** What the caller may do at all: an API key's scopes; sessions and the system hold both. */
  scopes: readonly ApiScope[];
  /** The request that caused the work (or the job, when nobody asked): in audit rows, job payloads and logs. */
  requestId: string;
  /** What verbs run against: the database, AWS and the settings (lib/engine.ts). */
  engine: Engine;
  /** Lines tied to the request id (and, in the worker, to the job). */
  log: Logger;
};

/** Every verb's argument. */
export type VerbArgs<I> = { ctx: Ctx; input: I };

export const SYSTEM_ACTOR = { type: "system", id: null } as const satisfies Actor;

export const SILENT_LOGGER: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** The worker (or a start-up task) acting on its own, across organizations. */
export function systemCtx(engine: Engine, { requestId, log = SILENT_LOGGER }: { requestId: string; log?: Logger }): Ctx {
  return { actor: SYSTEM_ACTOR, organizationId: null, role: "admin", scopes: API_SCOPES, requestId, engine, log };
}

export function isVendorAdmin(ctx: Pick<Ctx, "role">): boolean {
  return ctx.role === "admin";
}

/** The organization a customer verb acts on; a vendor admin acting across organizations cannot use customer verbs. */
export function organizationOf(ctx: Pick<Ctx, "organizationId">): string {
  if (!ctx.organizationId) throw new AppError("forbidden", "This needs a member of an organization.");
  return ctx.organizationId;
}

export function requireVendorAdmin(ctx: Pick<Ctx, "role">): void {
  if (!isVendorAdmin(ctx)) throw new AppError("forbidden", "This needs a vendor admin.");
}

/** 403 unless the caller holds `scope` (keys are scoped; sessions hold both). */
export function requireScope(ctx: Pick<Ctx, "scopes">, scope: ApiScope): void {
  if (!ctx.scopes.includes(scope)) throw new AppError("forbidden", `This API key lacks the ${scope} scope.`);
}

/** The organizations whose rows the ctx may see: its own, or (a vendor admin's) all of them. */
export function organizationScope(ctx: Pick<Ctx, "role" | "organizationId">): { organizationId?: string } {
  return isVendorAdmin(ctx) ? {} : { organizationId: organizationOf(ctx) };
}

import "server-only";
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Ctx } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { callerKey } from "./authenticate";

// The rules a client sees: docs/API.md, Idempotency. Only a 2xx answer is stored, and never a secret it carries: a failed
// request releases its key, so a retry runs again.
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export type Reservation = { kind: "new" } | { kind: "replay"; status: number; body: string };

/** A key belongs to the caller acting for one organization (`*`: a vendor admin across organizations). */
export function idempotencyScope(ctx: Pick<Ctx, "actor" | "organizationId">): string {
  return `${callerKey(ctx)}:${ctx.organizationId ?? "*"}`;
}

/** The answer as stored and replayed: with `secretField` (each of them) null and `secretAlreadyShown`, held to the answer's schema. */
export function storedAnswer(result: unknown, json: string, { schema, secretField }: { schema: z.ZodType; secretField?: string | readonly string[] }): string {
  if (!secretField) return json;
  const hidden = Object.fromEntries((typeof secretField === "string" ? [secretField] : secretField).map((field) => [field, null]));
  return JSON.stringify(schema.parse({ ...(result as Record<string, unknown>), ...hidden, secretAlreadyShown: true }));
}

export function requestHash(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method}\n${path}\n${body}`).digest("hex");
}

export function checkIdempotencyKey(key: string): void {
  if (!KEY_PATTERN.test(key)) {
    throw new AppError("bad_request", "Idempotency-Key must be 1 to 255 printable ASCII characters.", {
      invalidParams: [{ name: "Idempotency-Key", reason: "1 to 255 printable ASCII characters, e.g. a UUID" }],
    });
  }
}

export async function reserve(db: Db, principal: string, key: string, hash: string): Promise<Reservation> {
  // An expired row is taken over as if it were not there.
  const inserted = await db.$queryRaw<{ key: string }[]>`
    INSERT INTO "IdempotencyKey" ("principal", "key", "requestHash", "expiresAt")
    VALUES (${principal}, ${key}, ${hash}, now() + make_interval(secs => ${IDEMPOTENCY_TTL_MS / 1000}))
    ON CONFLICT ("principal", "key") DO UPDATE SET
      "requestHash" = EXCLUDED."requestHash", "status" = NULL, "body" = NULL, "createdAt" = now(), "expiresAt" = EXCLUDED."expiresAt"
      WHERE "IdempotencyKey"."expiresAt" <= now()
    RETURNING "key"`;
  if (inserted.length > 0) {
    if (Math.random() < 0.01) await db.idempotencyKey.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    return { kind: "new" };
  }
  const row = await db.idempotencyKey.findUnique({ where: { principal_key: { principal, key } } });
  if (!row) return reserve(db, principal, key, hash); // expired and swept between the two statements
  if (row.requestHash !== hash) {
    throw new AppError("idempotency_key_reused", "This Idempotency-Key was used for a different request (method, path or body); use a new key.", {
      invalidParams: [{ name: "Idempotency-Key", reason: "Already used for a different request" }],
    });
  }
  if (row.status === null || row.body === null) throw new AppError("conflict", "A request with this Idempotency-Key is still running; retry shortly.");
  return { kind: "replay", status: row.status, body: row.body };
}

export async function complete(db: Db, principal: string, key: string, response: { status: number; body: string } | null): Promise<void> {
  if (response) {
    await db.idempotencyKey.update({ where: { principal_key: { principal, key } }, data: { status: response.status, body: response.body } });
  } else {
    await db.idempotencyKey.deleteMany({ where: { principal, key, status: null } });
  }
}

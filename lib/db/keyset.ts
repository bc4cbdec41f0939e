import { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * Keyset pagination, the one way every list pages: rows in (createdAt, id) order, and a page's
 * cursor is its last row's position, so the next page starts strictly after it and rows added
 * meanwhile cause no duplicates or gaps. The cursor is opaque to clients (base64url JSON); a
 * forged or garbled one is a 422 on `cursor`.
 */
export type Page<T> = { data: T[]; nextCursor: string | null };

/** `?limit=&cursor=` of every list: the page size (1 to 100) and the previous page's nextCursor. */
export function pageQuerySchema(defaultLimit: number) {
  return z.object({
    limit: z.coerce
      .number({ error: "Expected a whole number" })
      .int("Expected a whole number")
      .min(1, "At least 1")
      .max(100, "At most 100")
      .default(defaultLimit)
      .describe(`Page size, 1 to 100 (default ${defaultLimit}).`),
    cursor: z.string().max(200, "Use nextCursor from a previous page").optional().describe("nextCursor of the previous page."),
  });
}
export type PageQuery = { limit: number; cursor?: string };
type Order = "asc" | "desc";
/** The table's id: a UUID, or a bigint sequence (BigInt in Prisma). */
type IdKind = "uuid" | "sequence";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_BIGINT = 2n ** 63n - 1n;

function encodeCursor({ createdAt, id }: { createdAt: Date; id: string | bigint }): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id.toString()])).toString("base64url");
}

/** The position a cursor names, checked against the list's id kind: one list's cursor is no other's. */
function decodeCursor(cursor: string, idKind: IdKind): { createdAt: Date; id: string | bigint } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown];
    const date = new Date(createdAt as string);
    if (typeof createdAt !== "string" || Number.isNaN(date.getTime()) || date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 9999) throw new Error("bad date");
    if (typeof id !== "string") throw new Error("bad id");
    if (idKind === "uuid" && UUID.test(id)) return { createdAt: date, id };
    if (idKind === "sequence" && /^\d{1,19}$/.test(id) && BigInt(id) <= MAX_BIGINT) return { createdAt: date, id: BigInt(id) };
    throw new Error("bad id");
  } catch {
    throw new AppError("validation_failed", "The cursor is not one we gave out.", { invalidParams: [{ name: "cursor", reason: "Use nextCursor from a previous page" }] });
  }
}

/**
 * Prisma arguments for the page after `cursor` (the first page without one): merge `where` into
 * the list's own filter.
 */
export function keysetPage<K extends IdKind = "uuid">(cursor: string | undefined, limit: number, order: Order, idKind: K = "uuid" as K) {
  const position = cursor ? (decodeCursor(cursor, idKind) as { createdAt: Date; id: K extends "sequence" ? bigint : string }) : null;
  const beyond = <V,>(value: V) => (order === "asc" ? { gt: value } : { lt: value });
  return {
    where: position ? { OR: [{ createdAt: beyond(position.createdAt) }, { createdAt: position.createdAt, id: beyond(position.id) }] } : {},
    orderBy: [{ createdAt: order }, { id: order }],
    take: limit + 1,
  };
}

/** The page of `rows` (fetched with keysetPage's `take`: one more than the page holds) as views. */
export function toPage<R extends { createdAt: Date; id: string | bigint }, V>(rows: R[], limit: number, view: (row: R) => V): Page<V> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { data: page.map(view), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

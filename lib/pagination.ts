import { createHash } from "node:crypto";
import type { PageQuery } from "./page-query";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

// A cursor carries its list's collection, order and filters, so replayed on another list it is a 422 (docs/ARCHITECTURE.md, The REST API).
export type Page<T> = { data: T[]; nextCursor: string | null };

// Apart (no node:crypto), so schemas the browser loads can use it.
export { pageQuerySchema, type PageQuery } from "./page-query";

/** `name` is unique per list. */
export type Collection<K extends IdKind = IdKind> = { name: string; order: "asc" | "desc"; idKind: K };
type IdKind = "uuid" | "sequence";
type IdOf<K extends IdKind> = K extends "sequence" ? bigint : string;

export function collection<K extends IdKind = "uuid">(name: string, order: "asc" | "desc", idKind: K = "uuid" as K): Collection<K> {
  return { name, order, idKind };
}

const MAX_BIGINT = 2n ** 63n - 1n;

function bindingOf(list: Collection, filters: Record<string, unknown>): string {
  const canonical = JSON.stringify(
    Object.entries(filters)
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return `${list.name}:${list.order}:${createHash("sha256").update(canonical).digest("base64url").slice(0, 16)}`;
}

function refused(): AppError {
  return new AppError("validation_failed", "The cursor is not one this list gave out (another list, other filters, or altered).", {
    invalidParams: [{ name: "cursor", reason: "Use nextCursor from a previous page of this same list" }],
  });
}

/** null `binding`: whatever list it is bound to (keysetOf). */
function decodeCursor<K extends IdKind>(cursor: string, list: Collection<K>, binding: string | null): { createdAt: Date; id: IdOf<K> } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw refused();
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) throw refused();
  const [boundTo, createdAt, id] = decoded as unknown[];
  if ((binding !== null && boundTo !== binding) || typeof boundTo !== "string" || typeof createdAt !== "string" || typeof id !== "string") throw refused();
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 9999) throw refused();
  if (list.idKind === "uuid" && isUuid(id)) return { createdAt: date, id: id as IdOf<K> };
  if (list.idKind === "sequence" && /^\d{1,19}$/.test(id) && BigInt(id) <= MAX_BIGINT) return { createdAt: date, id: BigInt(id) as IdOf<K> };
  throw refused();
}

/** `filters` (the list's own filters and scope) bind the cursor only: merge them into `where` yourself. */
export function paginate<K extends IdKind>(list: Collection<K>, query: PageQuery, filters: Record<string, unknown> = {}) {
  const binding = bindingOf(list, filters);
  const position = query.cursor ? decodeCursor(query.cursor, list, binding) : null;
  const beyond = <V>(value: V) => (list.order === "asc" ? { gt: value } : { lt: value });
  return {
    where: position ? { OR: [{ createdAt: beyond(position.createdAt) }, { createdAt: position.createdAt, id: beyond(position.id) }] } : {},
    orderBy: [{ createdAt: list.order }, { id: list.order }],
    /** One more than the page holds: whether there is a next page. */
    take: query.limit + 1,
    page<R extends { createdAt: Date; id: IdOf<K> }, V>(rows: R[], view: (row: R) => V): Page<V> {
      const shown = rows.slice(0, query.limit);
      const last = shown.at(-1);
      const nextCursor =
        rows.length > query.limit && last
          ? Buffer.from(JSON.stringify([binding, last.createdAt.toISOString(), last.id.toString()])).toString("base64url")
          : null;
      return { data: shown.map(view), nextCursor };
    },
  };
}

// For reads in SQL (lib/db/scoped-read.ts keysetSql). The binding is not checked here: a statement may be planned before its
// filters are known (an API key's organization checked in that same statement), so paginate()'s page() checks it instead.
export function keysetOf<K extends IdKind>(list: Collection<K>, query: PageQuery): Keyset<K> {
  return { list, after: query.cursor ? decodeCursor(query.cursor, list, null) : null, take: query.limit + 1 };
}
export type Keyset<K extends IdKind = IdKind> = { list: Collection<K>; after: { createdAt: Date; id: IdOf<K> } | null; take: number };

import type { Keyset } from "@/lib/pagination";
import type { Db } from "./client";
import { Prisma } from "./generated/client";

/**
 * A read of one organization's rows (or, for a vendor admin, every organization's) as a single
 * SQL statement, and what its rows become. A verb runs it with the organization its ctx may read
 * (runScopedRead); the API's admission runs it inside the statement that checks the API key and
 * counts the request, with the key's own organization (lib/api/rate-limits.ts), so a read by key
 * costs one round trip. Either way its rows arrive as JSON objects (timestamps as text).
 */
export type ScopedRead<T, V> = {
  /** The organization whose rows `viewer` may read; null: every organization's. Throws as the verb would (403). */
  scope: (viewer: V) => string | null;
  /** Its rows as one JSON array (jsonRows), scoped to `organizationId`: a UUID-valued SQL expression, or null for every organization. */
  sql: (organizationId: Prisma.Sql | null) => Prisma.Sql;
  /** The answer from the rows (throws, e.g. a 404 when there are none or a 422 for a cursor of another list). */
  answer: (rows: JsonRow[], viewer: V) => T;
};

export type JsonRow = Record<string, unknown>;

/** A SELECT's rows as one JSON array, in `orderBy` (of its columns): the same shape whether it runs alone or inside another statement. */
export function jsonRows(select: Prisma.Sql, orderBy: Prisma.Sql = Prisma.empty): Prisma.Sql {
  const order = orderBy === Prisma.empty ? Prisma.empty : Prisma.sql` ORDER BY ${orderBy}`;
  return Prisma.sql`(SELECT coalesce(json_agg(r${order}), '[]'::json) FROM (${select}) AS r)`;
}

/** A condition on "organizationId", or none (TRUE) for every organization. */
export function organizationIs(organizationId: Prisma.Sql | null): Prisma.Sql {
  return organizationId === null ? Prisma.sql`TRUE` : Prisma.sql`"organizationId" = ${organizationId}`;
}

export async function runScopedRead<T, V>(db: Db, read: ScopedRead<T, V>, viewer: V): Promise<T> {
  const organizationId = read.scope(viewer);
  const [row] = await db.$queryRaw<{ rows: JsonRow[] }[]>`SELECT ${read.sql(organizationId === null ? null : Prisma.sql`${organizationId}::uuid`)} AS "rows"`;
  return read.answer(row?.rows ?? [], viewer);
}

/** A keyset page (lib/pagination.ts keysetOf) in SQL, for a table with "createdAt" and "id" columns: the condition, the order and the limit. */
export function keysetSql({ list, after, take }: Keyset): { after: Prisma.Sql; orderBy: Prisma.Sql; take: number } {
  const direction = Prisma.raw(list.order === "asc" ? "ASC" : "DESC");
  const id = list.idKind === "uuid" ? Prisma.sql`${after?.id}::uuid` : Prisma.sql`${after?.id}::bigint`;
  return {
    after: after ? Prisma.sql`("createdAt", "id") ${Prisma.raw(list.order === "asc" ? ">" : "<")} (${after.createdAt}::timestamptz, ${id})` : Prisma.sql`TRUE`,
    orderBy: Prisma.sql`"createdAt" ${direction}, "id" ${direction}`,
    take,
  };
}

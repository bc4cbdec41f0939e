import type { Keyset } from "@/lib/pagination";
import type { Db } from "./client";
import { Prisma } from "./generated/client";

// One SQL statement, so the API's admission can run it inside the statement that checks the API key and counts the request
// (lib/api/rate-limits.ts): a read by key costs one round trip. Either way its rows arrive as JSON (timestamps as text).
export type ScopedRead<T, V> = {
  /** null: every organization's rows. Throws as the verb would (403). */
  scope: (viewer: V) => string | null;
  /** `organizationId` is a UUID-valued SQL expression, or null for every organization. */
  sql: (organizationId: Prisma.Sql | null) => Prisma.Sql;
  answer: (rows: JsonRow[], viewer: V) => T;
};

export type JsonRow = Record<string, unknown>;

/** The same shape whether it runs alone or inside another statement. */
export function jsonRows(select: Prisma.Sql, orderBy: Prisma.Sql = Prisma.empty): Prisma.Sql {
  const order = orderBy === Prisma.empty ? Prisma.empty : Prisma.sql` ORDER BY ${orderBy}`;
  return Prisma.sql`(SELECT coalesce(json_agg(r${order}), '[]'::json) FROM (${select}) AS r)`;
}

export function organizationIs(organizationId: Prisma.Sql | null): Prisma.Sql {
  return organizationId === null ? Prisma.sql`TRUE` : Prisma.sql`"organizationId" = ${organizationId}`;
}

export async function runScopedRead<T, V>(db: Db, read: ScopedRead<T, V>, viewer: V): Promise<T> {
  const organizationId = read.scope(viewer);
  const [row] = await db.$queryRaw<{ rows: JsonRow[] }[]>`SELECT ${read.sql(organizationId === null ? null : Prisma.sql`${organizationId}::uuid`)} AS "rows"`;
  return read.answer(row?.rows ?? [], viewer);
}

/** For a table with "createdAt" and "id" columns. */
export function keysetSql({ list, after, take }: Keyset): { after: Prisma.Sql; orderBy: Prisma.Sql; take: number } {
  const direction = Prisma.raw(list.order === "asc" ? "ASC" : "DESC");
  const id = list.idKind === "uuid" ? Prisma.sql`${after?.id}::uuid` : Prisma.sql`${after?.id}::bigint`;
  return {
    after: after ? Prisma.sql`("createdAt", "id") ${Prisma.raw(list.order === "asc" ? ">" : "<")} (${after.createdAt}::timestamptz, ${id})` : Prisma.sql`TRUE`,
    orderBy: Prisma.sql`"createdAt" ${direction}, "id" ${direction}`,
    take,
  };
}

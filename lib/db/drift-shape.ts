/**
 * The part of a PostgreSQL schema that Prisma manages, in one shape for both sides of a drift
 * check: what schema.prisma asks for (drift-model.ts) and what the catalog holds (drift-catalog.ts).
 *
 * Types are written the way `format_type()` prints them, without identifier quotes; defaults the
 * way `normaliseDefault()` prints them, so equal strings mean equal schemas.
 */

export type ColumnShape = {
  type: string;
  /** null: either is fine (Prisma leaves scalar-list columns nullable and accepts NOT NULL ones). */
  isNullable: boolean | null;
  /** null: no default; "autoincrement()" for a sequence; "now()" for CURRENT_TIMESTAMP. */
  default: string | null;
};

export type IndexShape = {
  /** Column names in order, " DESC" appended where sorted descending. */
  columns: string[];
  isUnique: boolean;
  algorithm: string;
  /** WHERE clause of a partial index; Prisma never makes one. */
  predicate: string | null;
};

export type ForeignKeyShape = {
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
};

export type ReferentialAction = "Cascade" | "Restrict" | "NoAction" | "SetNull" | "SetDefault";

export type TableShape = {
  columns: Map<string, ColumnShape>;
  primaryKey: { name: string; columns: string[] } | null;
  /** Unique and plain indexes by name, primary key excluded. */
  indexes: Map<string, IndexShape>;
  foreignKeys: ForeignKeyShape[];
};

export type SchemaShape = { enums: Map<string, string[]>; tables: Map<string, TableShape> };

const CAST = /::\s*(?:"[^"]*"|[a-z_][\w ]*)(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])*(?=$|[\s,)\]])/gi;

/**
 * A column default as PostgreSQL prints it (`'free'::"Plan"`, `nextval('"A_id_seq"'::regclass)`,
 * `ARRAY['x'::text]`) reduced to the form drift-model.ts renders from schema.prisma.
 */
export function normaliseDefault(expression: string | null): string | null {
  if (expression === null) return null;
  const trimmed = expression.trim();
  if (/^nextval\(/i.test(trimmed)) return "autoincrement()";
  if (/^(CURRENT_TIMESTAMP|now\(\))$/i.test(trimmed)) return "now()";
  let value = trimmed.replace(CAST, "");
  while (/^\((.*)\)$/.test(value)) value = value.slice(1, -1);
  // Negative numbers come back quoted ('-1'::integer).
  const quotedNumber = /^'(-?\d+(?:\.\d+)?)'$/.exec(value);
  return quotedNumber ? quotedNumber[1]! : value;
}

const MAX_IDENTIFIER_LENGTH = 63;

/** Prisma's default constraint and index names, cut to PostgreSQL's 63 characters as Prisma does. */
export function defaultName(table: string, columns: string[], suffix: "pkey" | "key" | "idx" | "fkey"): string {
  const base = suffix === "pkey" ? table : [table, ...columns].join("_");
  const end = `_${suffix}`;
  return base.slice(0, MAX_IDENTIFIER_LENGTH - end.length) + end;
}

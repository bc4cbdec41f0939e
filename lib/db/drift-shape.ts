// One shape for both sides of a drift check, schema.prisma's (drift-model.ts) and the catalog's (drift-catalog.ts): types as
// `format_type()` prints them without identifier quotes, defaults as `normaliseDefault()` does, so equal strings mean equal schemas.

export type ColumnShape = {
  type: string;
  /** null: either is fine (Prisma leaves scalar-list columns nullable and accepts NOT NULL ones). */
  isNullable: boolean | null;
  default: string | null;
};

export type IndexShape = {
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
  indexes: Map<string, IndexShape>;
  foreignKeys: ForeignKeyShape[];
};

export type SchemaShape = { enums: Map<string, string[]>; tables: Map<string, TableShape> };

const CAST = /::\s*(?:"[^"]*"|[a-z_][\w ]*)(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])*(?=$|[\s,)\]])/gi;

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

/** Cut to PostgreSQL's 63 characters as Prisma does. */
export function defaultName(table: string, columns: string[], suffix: "pkey" | "key" | "idx" | "fkey"): string {
  const base = suffix === "pkey" ? table : [table, ...columns].join("_");
  const end = `_${suffix}`;
  return base.slice(0, MAX_IDENTIFIER_LENGTH - end.length) + end;
}

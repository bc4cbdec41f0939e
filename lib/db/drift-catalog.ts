import pg from "pg";
import { normaliseDefault, type ReferentialAction, type SchemaShape, type TableShape } from "./drift-shape";

// `_prisma_migrations` is the migration runner's, not the model's.

const TABLES = `
SELECT c.relname AS table
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> '_prisma_migrations'`;

const COLUMNS = `
SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum`;

// Key columns only (INCLUDE columns are not part of a Prisma index), with their sort order.
const INDEXES = `
SELECT t.relname AS table, i.relname AS name, x.indisunique AS is_unique, x.indisprimary AS is_primary,
       am.amname AS algorithm, pg_get_expr(x.indpred, x.indrelid) AS predicate,
       ARRAY(
         SELECT pg_get_indexdef(x.indexrelid, k, true) || CASE WHEN x.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END
         FROM generate_series(1, x.indnkeyatts) AS k ORDER BY k
       ) AS columns
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = i.relam
WHERE n.nspname = 'public'
  -- The index behind an exclusion constraint is the constraint's, which Prisma cannot express.
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = x.indexrelid AND con.contype = 'x')`;

const FOREIGN_KEYS = `
SELECT t.relname AS table, con.conname AS name, r.relname AS referenced_table,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, pos)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.pos) AS columns,
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, pos)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.pos) AS referenced_columns,
       con.confdeltype AS on_delete, con.confupdtype AS on_update
FROM pg_constraint con
JOIN pg_class t ON t.oid = con.conrelid
JOIN pg_class r ON r.oid = con.confrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = 'public' AND con.contype = 'f'
ORDER BY con.conname`;

const ENUMS = `
SELECT t.typname AS name, ARRAY_AGG(e.enumlabel::text ORDER BY e.enumsortorder) AS values
FROM pg_type t
JOIN pg_enum e ON e.enumtypid = t.oid
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = 'public'
GROUP BY t.typname`;

const ACTIONS: Record<string, ReferentialAction> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };

const unquote = (identifier: string) => identifier.replaceAll('"', "");

export async function readCatalog(databaseUrl: string): Promise<SchemaShape> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = new Map<string, TableShape>();
    for (const row of (await client.query<{ table: string }>(TABLES)).rows) {
      tables.set(row.table, { columns: new Map(), primaryKey: null, indexes: new Map(), foreignKeys: [] });
    }

    type ColumnRow = { table: string; column: string; type: string; not_null: boolean; default: string | null };
    for (const row of (await client.query<ColumnRow>(COLUMNS)).rows) {
      tables.get(row.table)?.columns.set(row.column, {
        type: unquote(row.type),
        isNullable: !row.not_null,
        default: normaliseDefault(row.default),
      });
    }

    type IndexRow = { table: string; name: string; is_unique: boolean; is_primary: boolean; algorithm: string; predicate: string | null; columns: string[] };
    for (const row of (await client.query<IndexRow>(INDEXES)).rows) {
      const table = tables.get(row.table);
      if (!table) continue;
      const columns = row.columns.map(unquote);
      if (row.is_primary) table.primaryKey = { name: row.name, columns };
      else table.indexes.set(row.name, { columns, isUnique: row.is_unique, algorithm: row.algorithm, predicate: row.predicate });
    }

    type ForeignKeyRow = {
      table: string;
      name: string;
      referenced_table: string;
      columns: string[];
      referenced_columns: string[];
      on_delete: string;
      on_update: string;
    };
    for (const row of (await client.query<ForeignKeyRow>(FOREIGN_KEYS)).rows) {
      tables.get(row.table)?.foreignKeys.push({
        name: row.name,
        columns: row.columns,
        referencedTable: row.referenced_table,
        referencedColumns: row.referenced_columns,
        onDelete: ACTIONS[row.on_delete] ?? "NoAction",
        onUpdate: ACTIONS[row.on_update] ?? "NoAction",
      });
    }

    const enums = new Map<string, string[]>();
    for (const row of (await client.query<{ name: string; values: string[] }>(ENUMS)).rows) enums.set(row.name, row.values);
    return { enums, tables };
  } finally {
    await client.end();
  }
}

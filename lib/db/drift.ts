import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import { readCatalog } from "./drift-catalog";
import { expectedSchema, type Dmmf } from "./drift-model";
import type { ColumnShape, ForeignKeyShape, IndexShape, SchemaShape, TableShape } from "./drift-shape";

// The check `prisma migrate diff` would make, for machines where Prisma's native schema engine can't be fetched. schema.prisma
// is read through Prisma's own schema WASM, so @map, @@map, @db.*, implicit names and referential-action defaults resolve as
// Prisma resolves them. Blind spots: foreign-key names, views, check and exclusion constraints, schemas other than `public`.

export class SchemaFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SchemaFileError";
  }
}

function schemaFiles(schemaPath: string): [string, string][] {
  const resolved = path.resolve(schemaPath);
  const files = statSync(resolved).isDirectory()
    ? readdirSync(resolved, { recursive: true, encoding: "utf8" })
        .filter((name) => name.endsWith(".prisma"))
        .sort()
        .map((name) => path.join(resolved, name))
    : [resolved];
  return files.map((file) => [path.relative(process.cwd(), file), readFileSync(file, "utf8")]);
}

export function readDmmf(schemaPath = "prisma/schema.prisma"): Dmmf {
  try {
    return JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schemaFiles(schemaPath) }))) as Dmmf;
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    let message = raw;
    try {
      message = (JSON.parse(raw) as { message?: string }).message ?? raw;
    } catch {
      // not JSON: a file-system error, kept as is
    }
    throw new SchemaFileError(`${schemaPath} cannot be read: ${stripVTControlCharacters(message)}`);
  }
}

export async function findDrift(databaseUrl: string, schemaPath = "prisma/schema.prisma"): Promise<string[]> {
  const expected = expectedSchema(readDmmf(schemaPath));
  return compareSchemas(expected, await readCatalog(databaseUrl));
}

const PRISMA = "schema.prisma";
const DATABASE = "the database";

function onlyIn(what: string, side: "expected" | "actual"): string {
  return side === "expected" ? `${what} is in ${PRISMA} but not in ${DATABASE}` : `${what} is in ${DATABASE} but not in ${PRISMA}`;
}

function differs(what: string, expected: string, actual: string): string {
  return `${what}: ${expected} in ${PRISMA}, ${actual} in ${DATABASE}`;
}

function keysOf<K>(expected: Map<K, unknown>, actual: Map<K, unknown>): K[] {
  return [...new Set([...expected.keys(), ...actual.keys()])];
}

const list = (columns: string[]) => `(${columns.join(", ")})`;

const describeDefault = (value: string | null) => (value === null ? "no default" : `default ${value}`);

const describeIndex = (index: IndexShape) =>
  `${list(index.columns)} ${index.isUnique ? "unique " : ""}${index.algorithm}${index.predicate ? ` WHERE ${index.predicate}` : ""}`;

const describeReference = (fk: ForeignKeyShape) => `-> "${fk.referencedTable}" ${list(fk.referencedColumns)} ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`;

function compareColumn(where: string, expected: ColumnShape, actual: ColumnShape): string[] {
  const drift: string[] = [];
  if (expected.type !== actual.type) drift.push(differs(where, `type ${expected.type}`, `type ${actual.type}`));
  if (expected.isNullable !== null && expected.isNullable !== actual.isNullable) {
    const describe = (isNullable: boolean | null) => (isNullable ? "nullable" : "NOT NULL");
    drift.push(differs(where, describe(expected.isNullable), describe(actual.isNullable)));
  }
  if (expected.default !== actual.default) {
    drift.push(differs(where, describeDefault(expected.default), describeDefault(actual.default)));
  }
  return drift;
}

export function compareSchemas(expected: SchemaShape, actual: SchemaShape): string[] {
  const drift: string[] = [];

  for (const name of keysOf(expected.enums, actual.enums)) {
    const want = expected.enums.get(name);
    const have = actual.enums.get(name);
    if (!want || !have) {
      drift.push(onlyIn(`enum "${name}"`, want ? "expected" : "actual"));
      continue;
    }
    for (const value of want.filter((v) => !have.includes(v))) drift.push(onlyIn(`enum "${name}": value "${value}"`, "expected"));
    for (const value of have.filter((v) => !want.includes(v))) drift.push(onlyIn(`enum "${name}": value "${value}"`, "actual"));
  }

  for (const tableName of keysOf(expected.tables, actual.tables)) {
    const want = expected.tables.get(tableName);
    const have = actual.tables.get(tableName);
    if (!want || !have) {
      drift.push(onlyIn(`table "${tableName}"`, want ? "expected" : "actual"));
      continue;
    }

    for (const name of keysOf(want.columns, have.columns)) {
      const wantColumn = want.columns.get(name);
      const haveColumn = have.columns.get(name);
      const where = `column "${tableName}"."${name}"`;
      if (wantColumn && haveColumn) drift.push(...compareColumn(where, wantColumn, haveColumn));
      else drift.push(onlyIn(where, wantColumn ? "expected" : "actual"));
    }

    const describeKey = (key: TableShape["primaryKey"]) => (key ? `"${key.name}" ${list(key.columns)}` : "none");
    if (describeKey(want.primaryKey) !== describeKey(have.primaryKey)) {
      drift.push(differs(`table "${tableName}": primary key`, describeKey(want.primaryKey), describeKey(have.primaryKey)));
    }

    for (const name of keysOf(want.indexes, have.indexes)) {
      const wantIndex = want.indexes.get(name);
      const haveIndex = have.indexes.get(name);
      const where = `index "${name}" on "${tableName}"`;
      if (wantIndex && haveIndex) {
        if (describeIndex(wantIndex) !== describeIndex(haveIndex)) drift.push(differs(where, describeIndex(wantIndex), describeIndex(haveIndex)));
      } else {
        const index = (wantIndex ?? haveIndex)!;
        drift.push(onlyIn(`${index.isUnique ? "unique " : ""}${where} ${list(index.columns)}`, wantIndex ? "expected" : "actual"));
      }
    }

    const byColumns = (fks: ForeignKeyShape[]) => new Map(fks.map((fk) => [list(fk.columns), fk]));
    const wantKeys = byColumns(want.foreignKeys);
    const haveKeys = byColumns(have.foreignKeys);
    for (const columns of keysOf(wantKeys, haveKeys)) {
      const wantKey = wantKeys.get(columns);
      const haveKey = haveKeys.get(columns);
      if (wantKey && haveKey) {
        const where = `foreign key "${haveKey.name}" on "${tableName}" ${columns}`;
        if (describeReference(wantKey) !== describeReference(haveKey)) {
          drift.push(differs(where, describeReference(wantKey), describeReference(haveKey)));
        }
      } else {
        const key = (wantKey ?? haveKey)!;
        drift.push(onlyIn(`foreign key "${key.name}" on "${tableName}" ${columns} ${describeReference(key)}`, wantKey ? "expected" : "actual"));
      }
    }
  }
  return drift;
}

// The file `npm run db:backup` writes: PostgreSQL's plain-text dump format, data only, as `pg_dump --data-only -Fp` writes it
// (`COPY "schema"."table" (columns) FROM stdin;`, the rows in COPY's text format, `\.`, then `setval` for each sequence), so
// psql can load it into a database migrated to the same level. Our own lines are SQL comments psql skips: the migrations the
// data belongs to (name and checksum) in the header, and a last line with the SHA-256 of every byte before it, which is how a
// restore tells a whole file from a cut or damaged one before it touches anything.

export const FORMAT_LINE = "-- privatelink-portal backup, format 1: restore with `npm run db:restore -- --from FILE` (README, Operations)";
export const MIGRATION_PREFIX = "-- Migration: ";
export const END_PREFIX = "-- privatelink-portal backup end: sha256 ";

export const PREAMBLE = [
  "SET statement_timeout = 0;",
  "SET lock_timeout = 0;",
  "SET client_encoding = 'UTF8';",
  "SET standard_conforming_strings = on;",
  "SELECT pg_catalog.set_config('search_path', '', false);",
  "SET row_security = off;",
];

export type TableName = { schema: string; table: string };

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function qualified({ schema, table }: TableName): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}

export function copyFromLine(name: TableName, columns: string[]): string {
  return `COPY ${qualified(name)} (${columns.map(quoteIdent).join(", ")}) FROM stdin;`;
}

export function setvalLine(sequence: TableName, value: string, isCalled: boolean): string {
  return `SELECT pg_catalog.setval('${qualified(sequence).replaceAll("'", "''")}', ${value}, ${isCalled});`;
}

/** Reads `"a"."b"`, `"a", "b"` and the like: the quoted identifiers at the start of `text`, with what follows them. */
function readIdentifiers(text: string, separator: string): { names: string[]; rest: string } | null {
  const names: string[] = [];
  let at = 0;
  for (;;) {
    if (text[at] !== '"') return null;
    let name = "";
    at++;
    for (;;) {
      const quote = text.indexOf('"', at);
      if (quote < 0) return null;
      name += text.slice(at, quote);
      at = quote + 1;
      if (text[at] !== '"') break;
      name += '"';
      at++;
    }
    names.push(name);
    if (!text.startsWith(separator, at)) return { names, rest: text.slice(at) };
    at += separator.length;
  }
}

export function parseCopyFromLine(line: string): { name: TableName; columns: string[] } | null {
  if (!line.startsWith("COPY ")) return null;
  const table = readIdentifiers(line.slice(5), ".");
  const [schema, name, ...more] = table?.names ?? [];
  if (!table || schema === undefined || name === undefined || more.length > 0 || !table.rest.startsWith(" (")) return null;
  const columns = readIdentifiers(table.rest.slice(2), ", ");
  if (!columns || columns.rest !== ") FROM stdin;") return null;
  return { name: { schema, table: name }, columns: columns.names };
}

export function parseSetvalLine(line: string): { sequence: TableName; value: string; isCalled: boolean } | null {
  const match = /^SELECT pg_catalog\.setval\('((?:[^']|'')+)', (-?\d+), (true|false)\);$/.exec(line);
  if (!match?.[1] || !match[2]) return null;
  const sequence = readIdentifiers(match[1].replaceAll("''", "'"), ".");
  const [schema, name, ...more] = sequence?.names ?? [];
  if (!sequence || schema === undefined || name === undefined || more.length > 0 || sequence.rest !== "") return null;
  return { sequence: { schema, table: name }, value: match[2], isCalled: match[3] === "true" };
}

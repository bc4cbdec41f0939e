import { createHash } from "node:crypto";
import { closeSync, createReadStream, existsSync, openSync, readSync, statSync } from "node:fs";
import { END_PREFIX, FORMAT_LINE, MIGRATION_PREFIX, parseCopyFromLine, parseSetvalLine, type TableName } from "./dump-format";

// Reading a backup file (lib/db/dump-format.ts): a first pass proves it whole and well formed before a restore touches the
// database; the restore then reads it again, line by line, for the rows.

export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupFileError";
  }
}

export type BackupContents = {
  migrations: { name: string; checksum: string }[];
  tables: { name: TableName; columns: string[]; rows: number }[];
};

/** The file's lines (without their newline), as bytes: rows stay exactly as COPY wrote them. */
export async function* fileLines(file: string): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(file)) {
    let data = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let newline: number;
    while ((newline = data.indexOf(0x0a)) >= 0) {
      yield data.subarray(0, newline);
      data = data.subarray(newline + 1);
    }
    rest = data;
  }
  if (rest.length > 0) yield rest;
}

const IGNORED_STATEMENT = /^(SET [a-z_]+ = .+;|SELECT pg_catalog\.set_config\('search_path', '', false\);)$/;

/** Checks the whole file (format line, structure, the checksum on its last line) and answers what it holds. */
export async function readBackupFile(file: string): Promise<BackupContents> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new BackupFileError(`no backup file at ${file}`);
  if (!lastLine(file).startsWith(END_PREFIX)) {
    throw new BackupFileError(`${file} is incomplete or not a backup: it has no end line (a file cut short, or a backup that failed)`);
  }
  const contents: BackupContents = { migrations: [], tables: [] };
  const hash = createHash("sha256");
  let lineNumber = 0;
  let hasFormatLine = false;
  let copying: BackupContents["tables"][number] | null = null;
  let ending: string | null = null;
  const fail = (reason: string): never => {
    throw new BackupFileError(`${file} is not a backup this portal can restore: line ${lineNumber} ${reason}`);
  };
  for await (const bytes of fileLines(file)) {
    lineNumber++;
    if (ending !== null) fail("follows the end line (the file was changed after it was written)");
    const line = bytes.toString("utf8");
    if (copying) {
      hash.update(bytes).update("\n");
      if (line === "\\.") copying = null;
      else copying.rows++;
      continue;
    }
    if (line.startsWith(END_PREFIX)) {
      ending = line.slice(END_PREFIX.length);
      continue;
    }
    hash.update(bytes).update("\n");
    if (lineNumber === 1 && line !== "--") throw new BackupFileError(`${file} is not a backup made by npm run db:backup (it does not start as one)`);
    if (line === FORMAT_LINE) hasFormatLine = true;
    else if (line.startsWith(MIGRATION_PREFIX)) {
      const match = /^(\S+) ([0-9a-f]{64})$/.exec(line.slice(MIGRATION_PREFIX.length)) ?? fail("names a migration without its checksum");
      contents.migrations.push({ name: match[1] ?? "", checksum: match[2] ?? "" });
    } else if (line === "" || line.startsWith("--") || IGNORED_STATEMENT.test(line) || parseSetvalLine(line)) continue;
    else {
      const copy = parseCopyFromLine(line) ?? fail(`is neither a COPY, a setval nor a comment: ${line.slice(0, 80)}`);
      copying = { ...copy, rows: 0 };
      contents.tables.push(copying);
    }
  }
  if (!hasFormatLine) throw new BackupFileError(`${file} is not a backup made by npm run db:backup (no format line)`);
  if (copying) throw new BackupFileError(`${file} is incomplete: the rows of ${copying.name.table} never end (the file was cut short)`);
  if (ending === null) throw new BackupFileError(`${file} is incomplete: it has no end line (a file cut short, or a backup that failed)`);
  if (ending !== hash.digest("hex")) throw new BackupFileError(`${file} is damaged: its contents do not match the checksum on its last line`);
  if (contents.migrations.length === 0) throw new BackupFileError(`${file} names no migration, so its schema is unknown`);
  return contents;
}

/** The file's last line, if it ends with a newline (a file cut short does not); "" otherwise. */
function lastLine(file: string): string {
  const size = statSync(file).size;
  const length = Math.min(size, END_PREFIX.length + 66);
  const tail = Buffer.alloc(length);
  const fd = openSync(file, "r");
  try {
    readSync(fd, tail, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  const text = tail.toString("utf8");
  if (!text.endsWith("\n")) return "";
  return text.slice(0, -1).split("\n").at(-1) ?? "";
}

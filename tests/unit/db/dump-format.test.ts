import { describe, expect, it } from "vitest";
import { copyFromLine, parseCopyFromLine, parseSetvalLine, setvalLine } from "@/lib/db/dump-format";
import { parseFileArgs } from "@/scripts/db-file-args";

describe("backup file lines", () => {
  it("reads back the COPY and setval lines it writes, quotes included", () => {
    const name = { schema: "public", table: 'Odd "name"' };
    const columns = ["id", "organizationId", 'we"ird, col'];
    expect(copyFromLine(name, columns)).toBe('COPY "public"."Odd ""name""" ("id", "organizationId", "we""ird, col") FROM stdin;');
    expect(parseCopyFromLine(copyFromLine(name, columns))).toEqual({ name, columns });
    const sequence = { schema: "public", table: "it's_seq" };
    expect(parseSetvalLine(setvalLine(sequence, "42", true))).toEqual({ sequence, value: "42", isCalled: true });
  });

  it("refuses lines that are not exactly ours", () => {
    for (const line of ['COPY "public"."a" ("id") FROM stdin; DROP TABLE x;', "COPY public.a (id) FROM stdin;", 'COPY "a" ("id") FROM stdin;']) {
      expect(parseCopyFromLine(line)).toBeNull();
    }
    expect(parseSetvalLine('SELECT pg_catalog.setval(\'"public"."s"\', 1, true); DROP TABLE x;')).toBeNull();
  });
});

describe("db:backup and db:restore arguments", () => {
  it("needs the file flag and refuses any other", () => {
    expect(parseFileArgs(["--out", "a.sql"], "out", "usage")).toEqual({ file: "a.sql", isForced: false });
    expect(parseFileArgs(["--from", "a.sql", "--force"], "from", "usage")).toEqual({ file: "a.sql", isForced: true });
    expect(() => parseFileArgs([], "out", "npm run db:backup -- --out FILE")).toThrow(/--out FILE is required\nusage: npm run db:backup/);
    expect(() => parseFileArgs(["--out", ""], "out", "usage")).toThrow(/--out FILE is required/);
    expect(() => parseFileArgs(["--from", "a.sql", "--forse"], "from", "usage")).toThrow(/Unknown option '--forse'/);
    expect(() => parseFileArgs(["--out", "a.sql", "--force"], "out", "usage")).toThrow(/Unknown option '--force'/);
    expect(() => parseFileArgs(["a.sql"], "from", "usage")).toThrow(/usage/);
  });
});

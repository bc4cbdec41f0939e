import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layout as written down (eslint.config.mjs's LIB_IMPORTS, docs/ARCHITECTURE.md's folder table)
 * against the imports the code really makes: a new lib/ folder, an arrow added or dropped, or a
 * cycle fails here rather than leaving the docs to drift.
 */

const ROOT = path.resolve(__dirname, "../..");
const SOURCE = /\.(ts|tsx|mjs)$/;
const SKIPPED = [path.join(ROOT, "lib/db/generated")];
const IMPORT = /(?:^|[\s;])(?:import|export)\s(?:[^;'"]*?\sfrom\s)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function sourcesUnder(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" })
    .map((file) => path.join(ROOT, folder, file))
    .filter((file) => SOURCE.test(file) && !SKIPPED.some((skipped) => file.startsWith(skipped)));
}

/** The files of the repository a source file imports (packages left out). */
function importsOf(file: string): string[] {
  const found: string[] = [];
  for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2]!;
    const base = specifier.startsWith("@/")
      ? path.join(ROOT, specifier.slice(2))
      : specifier.startsWith(".")
        ? path.resolve(path.dirname(file), specifier)
        : null;
    const resolved = base && ["", ".ts", ".tsx", ".mjs"].map((ext) => base + ext).find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
    if (resolved) found.push(resolved);
  }
  return found;
}

/** `lib/links/x.ts` -> "links", `lib/env.ts` -> "env.ts"; null outside lib/. */
function libModuleOf(file: string): string | null {
  const [top, name] = path.relative(ROOT, file).split(path.sep);
  return top === "lib" && name ? name : null;
}

// The lint configuration is plain JavaScript without types: read the one table it exports.
const CONFIG: string = "../../eslint.config.mjs";
const { LIB_IMPORTS } = (await import(CONFIG)) as { LIB_IMPORTS: Record<string, string[]> };
const MODULES = Object.keys(LIB_IMPORTS);

describe("lib/'s layout", () => {
  it("lists every folder and module of lib/ in LIB_IMPORTS, and nothing else", () => {
    const entries = readdirSync(path.join(ROOT, "lib"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() || SOURCE.test(entry.name))
      .map((entry) => entry.name);
    expect(MODULES.toSorted()).toEqual(entries.toSorted());
  });

  it("runs its arrows down: each module imports only modules listed before it", () => {
    for (const [index, name] of MODULES.entries()) {
      expect(
        LIB_IMPORTS[name]!.filter((used) => MODULES.indexOf(used) >= index),
        `lib/${name}`,
      ).toEqual([]);
    }
  });

  it("is the graph of the real imports, arrow for arrow", () => {
    const real = new Map<string, Set<string>>(MODULES.map((name) => [name, new Set()]));
    for (const file of sourcesUnder("lib")) {
      const from = libModuleOf(file)!;
      for (const imported of importsOf(file)) {
        const to = libModuleOf(imported);
        if (to && to !== from) real.get(from)!.add(to);
      }
    }
    for (const name of MODULES) {
      expect([...real.get(name)!].toSorted(), `lib/${name}'s imports`).toEqual(LIB_IMPORTS[name]!.toSorted());
    }
  });

  it("is the table docs/ARCHITECTURE.md draws", () => {
    const rows = new Map<string, string[]>();
    for (const line of readFileSync(path.join(ROOT, "docs/ARCHITECTURE.md"), "utf8").split("\n")) {
      const cells = line.split("|").map((cell) => cell.trim());
      const named = /^`lib\/([\w.-]+?)\/?`$/.exec(cells[1] ?? "");
      if (named && cells.length >= 5) rows.set(named[1]!, [...cells[3]!.matchAll(/`lib\/([\w.-]+?)\/?`/g)].map((m) => m[1]!).toSorted());
    }
    expect([...rows.keys()].toSorted()).toEqual(MODULES.toSorted());
    for (const name of MODULES) expect(rows.get(name), `lib/${name}'s row`).toEqual(LIB_IMPORTS[name]!.toSorted());
  });
});

describe("imports", () => {
  it("form no cycle in app/, components/ and lib/ (Prisma's generated client aside)", () => {
    const files = ["app", "components", "lib"].flatMap(sourcesUnder);
    const graph = new Map(files.map((file) => [file, importsOf(file).filter((imported) => !SKIPPED.some((skipped) => imported.startsWith(skipped)))]));
    const state = new Map<string, "open" | "done">();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(ROOT, f)).join(" -> "));
        return;
      }
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});

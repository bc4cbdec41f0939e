import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { run, say } from "./runtime";

/**
 * `npm run size:client` (after `npm run build`): the JavaScript each page makes a browser load,
 * gzipped: the framework's root files plus the chunks of the page and its layouts, read from the
 * build's manifests. Customer pages (all but /admin and /docs) must stay under the budget; the
 * command fails when one does not.
 */
const BUDGET_BYTES = 200 * 1024;
const NEXT_DIR = process.argv[2] ?? ".next";

type ClientManifest = { entryJSFiles?: Record<string, string[]> };

function manifestsUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return manifestsUnder(path);
    return name === "page_client-reference-manifest.js" ? [path] : [];
  });
}

/** "/(portal)/links/[id]/page" -> "/links/[id]" */
const routeOf = (key: string) => key.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";

const gzipped = new Map<string, number>();
const sizeOf = (file: string) => {
  let size = gzipped.get(file);
  if (size === undefined) gzipped.set(file, (size = gzipSync(readFileSync(join(NEXT_DIR, file)), { level: 9 }).length));
  return size;
};

run(async () => {
  const build = JSON.parse(readFileSync(join(NEXT_DIR, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const rows = manifestsUnder(join(NEXT_DIR, "server", "app")).flatMap((file) => {
    const sandbox: { __RSC_MANIFEST?: Record<string, ClientManifest> } = {};
    runInNewContext(readFileSync(file, "utf8"), { globalThis: sandbox });
    return Object.entries(sandbox.__RSC_MANIFEST ?? {}).map(([key, manifest]) => {
      // The page's own entry and its layouts' (not the not-found or error boundaries, loaded only when shown).
      const entries = Object.entries(manifest.entryJSFiles ?? {}).filter(([entry]) => entry.endsWith("/layout") || entry.endsWith(key));
      const files = new Set([...build.rootMainFiles, ...entries.flatMap(([, chunks]) => chunks)]);
      const bytes = [...files].reduce((sum, chunk) => sum + sizeOf(chunk), 0);
      const route = routeOf(key);
      return { route, bytes, isCustomer: !/^\/(admin|docs|_)/.test(route), source: relative(NEXT_DIR, file) };
    });
  });
  rows.sort((a, b) => a.route.localeCompare(b.route));
  const over = rows.filter((row) => row.isCustomer && row.bytes > BUDGET_BYTES);
  for (const row of rows) {
    const flag = row.isCustomer ? (row.bytes > BUDGET_BYTES ? "  OVER BUDGET" : "") : "  (not a customer page)";
    say(`${(row.bytes / 1024).toFixed(1).padStart(7)} kB  ${row.route}${flag}`);
  }
  say(`client JavaScript per page, gzipped; customer pages' budget ${BUDGET_BYTES / 1024} kB`);
  if (over.length > 0) throw new Error(`${over.length} customer page(s) over ${BUDGET_BYTES / 1024} kB: ${over.map((row) => row.route).join(", ")}`);
});

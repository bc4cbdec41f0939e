import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

/**
 * The JavaScript each page of a production build makes a browser load, gzipped: the framework's
 * root files plus the chunks of the page and its layouts, read from the build's manifests. Customer
 * pages (all but /admin and /docs) must stay under the budget. Used by `npm run size:client` and by
 * the end-to-end suite, which checks the build it runs against.
 */
export const CLIENT_JS_BUDGET_BYTES = 200 * 1024;

export type PageSize = { route: string; bytes: number; isCustomer: boolean; source: string };

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

/** Every page of the build in `nextDir` (`.next`), sorted by route. */
export function measureClientJs(nextDir: string): PageSize[] {
  const gzipped = new Map<string, number>();
  const sizeOf = (file: string) => {
    let size = gzipped.get(file);
    if (size === undefined) gzipped.set(file, (size = gzipSync(readFileSync(join(nextDir, file)), { level: 9 }).length));
    return size;
  };
  const build = JSON.parse(readFileSync(join(nextDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const rows = manifestsUnder(join(nextDir, "server", "app")).flatMap((file) => {
    const sandbox: { __RSC_MANIFEST?: Record<string, ClientManifest> } = {};
    runInNewContext(readFileSync(file, "utf8"), { globalThis: sandbox });
    return Object.entries(sandbox.__RSC_MANIFEST ?? {}).map(([key, manifest]) => {
      // The page's own entry and its layouts' (not the not-found or error boundaries, loaded only when shown).
      const entries = Object.entries(manifest.entryJSFiles ?? {}).filter(([entry]) => entry.endsWith("/layout") || entry.endsWith(key));
      const files = new Set([...build.rootMainFiles, ...entries.flatMap(([, chunks]) => chunks)]);
      const bytes = [...files].reduce((sum, chunk) => sum + sizeOf(chunk), 0);
      const route = routeOf(key);
      return { route, bytes, isCustomer: !/^\/(admin|docs|_)/.test(route), source: relative(nextDir, file) };
    });
  });
  return rows.sort((a, b) => a.route.localeCompare(b.route));
}

/** The customer pages over the budget, as "route (kB)". */
export const overBudget = (rows: PageSize[], budget = CLIENT_JS_BUDGET_BYTES): string[] =>
  rows.filter((row) => row.isCustomer && row.bytes > budget).map((row) => `${row.route} (${kB(row.bytes)} kB)`);

export const kB = (bytes: number) => (bytes / 1024).toFixed(1);

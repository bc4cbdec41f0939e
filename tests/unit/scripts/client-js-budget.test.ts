import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { measureClientJs, overBudget } from "@/scripts/client-js-budget";

/** A build's manifests in miniature: two pages sharing a layout chunk, one admin page. */
const dir = mkdtempSync(join(tmpdir(), "client-js-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function chunk(name: string, bytes: number) {
  mkdirSync(join(dir, "static", "chunks"), { recursive: true });
  // Random bytes barely compress, so the gzipped size stays near `bytes`.
  writeFileSync(join(dir, "static", "chunks", name), Buffer.from(Array.from({ length: bytes }, () => Math.floor(Math.random() * 256))));
  return `static/chunks/${name}`;
}

function page(route: string, key: string, chunks: Record<string, string[]>) {
  const folder = join(dir, "server", "app", route);
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, "page_client-reference-manifest.js"),
    `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {}; globalThis.__RSC_MANIFEST[${JSON.stringify(key)}] = ${JSON.stringify({ entryJSFiles: chunks })};`,
  );
}

const root = chunk("main.js", 10_000);
const layout = chunk("layout.js", 20_000);
const setup = chunk("setup.js", 50_000);
const admin = chunk("admin.js", 300_000);
const boundary = chunk("not-found.js", 300_000);
writeFileSync(join(dir, "build-manifest.json"), JSON.stringify({ rootMainFiles: [root] }));
page("(portal)/setup", "/(portal)/setup/page", {
  "[project]/app/layout": [layout],
  "[project]/app/(portal)/setup/page": [setup],
  "[project]/app/not-found": [boundary],
});
page("(portal)", "/(portal)/page", { "[project]/app/layout": [layout], "[project]/app/(portal)/page": [] });
page("(admin)/admin", "/(admin)/admin/page", { "[project]/app/layout": [layout], "[project]/app/(admin)/admin/page": [admin] });

describe("client JavaScript budget", () => {
  const rows = measureClientJs(dir);

  it("counts the root files, the layouts and the page's own chunks, each once, and not the boundaries", () => {
    const byRoute = Object.fromEntries(rows.map((row) => [row.route, row]));
    expect(Object.keys(byRoute)).toEqual(["/", "/admin", "/setup"]);
    expect(byRoute["/setup"]!.bytes).toBeGreaterThan(80_000);
    expect(byRoute["/setup"]!.bytes).toBeLessThan(81_000);
    expect(byRoute["/"]!.bytes).toBeLessThan(31_000);
    expect(byRoute["/admin"]!.isCustomer).toBe(false);
  });

  it("names the customer pages over the budget, never the console's", () => {
    expect(overBudget(rows)).toEqual([]);
    expect(overBudget(rows, 60_000)).toEqual([expect.stringMatching(/^\/setup \(7\d\.\d kB\)$/)]);
  });
});

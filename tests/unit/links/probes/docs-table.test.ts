import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FAILURE_MODES } from "@/lib/links/probes/failure-modes";

// One source: docs/CONNECTIVITY.md's failure-mode table is the code's, row for row.

function documentedRows(): string[][] {
  const doc = readFileSync(path.join(process.cwd(), "docs/CONNECTIVITY.md"), "utf8");
  const section = doc.split("\n## Failure modes\n")[1]?.split("\n## ")[0] ?? "";
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) =>
      line
        .slice(1, -1)
        .split(" | ")
        .map((cell) => cell.trim()),
    );
}

describe("docs/CONNECTIVITY.md", () => {
  it("holds the code's failure-mode table exactly: codes, what we see, causes, checks, sources, in rank order", () => {
    expect(documentedRows()).toEqual(FAILURE_MODES.map((mode) => [`\`${mode.code}\``, mode.seen, mode.cause, mode.check, mode.sources]));
  });

  it("has no cell that would break the table", () => {
    for (const mode of FAILURE_MODES) for (const cell of Object.values(mode)) expect(cell).not.toMatch(/\||\n/);
  });
});

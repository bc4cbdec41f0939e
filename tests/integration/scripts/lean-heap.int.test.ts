import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const repo = process.cwd();

/** Runs the probe (tests/fixtures/lean-heap-probe.ts) as a worker is run, with `env`; answers what it printed and its pid. */
async function probe(env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ["--import", path.join(repo, "node_modules/tsx/dist/loader.mjs"), path.join(repo, "tests/fixtures/lean-heap-probe.ts"), "--an", "argument"],
    { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } as Partial<NodeJS.ProcessEnv> as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  expect(code, output).toBe(0);
  return {
    spawnedPid: child.pid,
    printed: JSON.parse(output.trim()) as { pid: number; mallocArenaMax: string | null; mmapThreshold: string | null; argv: string[] },
  };
}

describe.runIf(process.platform === "linux")("the worker's lean heap (scripts/lean-heap.ts)", () => {
  it("restarts a worker started without MALLOC_ARENA_MAX in place with two arenas and a fixed mmap threshold: same pid, same arguments", async () => {
    const { spawnedPid, printed } = await probe({});
    expect(printed).toEqual({ pid: spawnedPid, mallocArenaMax: "2", mmapThreshold: "131072", argv: ["--an", "argument"] });
  });

  it("keeps an operator's own malloc settings", async () => {
    expect((await probe({ MALLOC_MMAP_THRESHOLD_: "65536" })).printed).toMatchObject({ mallocArenaMax: "2", mmapThreshold: "65536" });
    expect((await probe({ MALLOC_ARENA_MAX: "4" })).printed).toMatchObject({ mallocArenaMax: "4", mmapThreshold: null });
  });
});

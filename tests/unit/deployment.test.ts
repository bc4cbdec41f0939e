import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sandboxConfigSchema } from "@privatelink-portal/sandbox-aws/config";
import { envSchema } from "@/lib/env";

/**
 * What an operator reads and runs agrees with lib/env.ts and the sandbox's settings
 * (packages/sandbox-aws/src/config.ts): every variable is in .env.example and documented, and
 * docker-compose.yml is valid and hands every setting to the processes.
 */

const APP_VARIABLES = Object.keys(envSchema.shape);
const SANDBOX_VARIABLES = Object.keys(sandboxConfigSchema.shape);
const read = (file: string) => readFileSync(path.resolve(file), "utf8");

describe("configuration documents", () => {
  it(".env.example lists every variable", () => {
    const listed = new Set([...read(".env.example").matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
    expect([...APP_VARIABLES, ...SANDBOX_VARIABLES].filter((name) => !listed.has(name))).toEqual([]);
  });

  it("the README's configuration table and docs/SANDBOX.md describe every variable", () => {
    const readme = read("README.md");
    const table = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("## Deploying"));
    expect(APP_VARIABLES.filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
    const sandbox = read("docs/SANDBOX.md");
    expect(SANDBOX_VARIABLES.filter((name) => !sandbox.includes(`| \`${name}\``))).toEqual([]);
  });
});

// Debian's docker-compose validates and interpolates without a Docker engine.
const compose = spawnSync("docker-compose", ["version"], { encoding: "utf8" });
const hasCompose = compose.status === 0;
if (!hasCompose) console.warn("docker-compose not found: skipping the docker-compose.yml checks (Debian: apt-get install docker-compose)");

// Set by the images or meaningless in them (no embedded PostgreSQL, the web image runs no worker).
const SET_BY_IMAGES = new Set(["NODE_ENV", "PORT", "HOST", "EMBEDDED_PG_DIR", "EMBEDDED_PG_PORT", "RUN_WORKER", "WORKER_HEALTH_PORT"]);

describe.skipIf(!hasCompose)("docker-compose.yml", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "compose-"));
  const emptyEnvFile = path.join(dir, "empty.env"); // so a developer's own .env plays no part
  writeFileSync(emptyEnvFile, "");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const config = (variables: Record<string, string>) =>
    spawnSync("docker-compose", ["--env-file", emptyEnvFile, "--project-directory", ".", "-f", "docker-compose.yml", "config"], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", ...variables },
    });

  it("is valid, and refuses to start without AUTH_SECRET", () => {
    const valid = config({ AUTH_SECRET: "a".repeat(32) });
    expect(valid.stderr).toBe("");
    expect(valid.status).toBe(0);
    expect(valid.stdout).toMatch(/^ {2}migrate:$/m);
    // The regions step runs the compiled regions command after the migrations; web and worker wait for it.
    const regions = valid.stdout.slice(valid.stdout.search(/^ {2}regions:$/m)).split(/^ {2}\w/m)[1];
    expect(regions).toMatch(/entrypoint:\n +- node\n +- dist\/regions\.mjs\n/);
    expect(regions).toMatch(/depends_on:\n +migrate:/);

    const missing = config({});
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain("set AUTH_SECRET");
  });

  it("passes every setting through to migrate, regions, web and worker", () => {
    const variables = APP_VARIABLES.filter((name) => !SET_BY_IMAGES.has(name));
    const { stdout, status } = config(Object.fromEntries(variables.map((name) => [name, `set-${name.toLowerCase()}`])));
    expect(status).toBe(0);
    const passed = (name: string) => stdout.split(`${name}: set-${name.toLowerCase()}\n`).length - 1;
    expect(variables.filter((name) => passed(name) !== 4)).toEqual([]);
  });
});

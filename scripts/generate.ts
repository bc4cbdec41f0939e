import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

// `prisma generate` never runs the schema engine, but the CLI insists on a binary path when it
// cannot download one (offline machines). Any existing file satisfies it.
const engine = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: engine && existsSync(engine) ? engine : process.execPath };
const result = spawnSync("prisma", ["generate"], { stdio: "inherit", env, shell: process.platform === "win32" });
process.exit(result.status ?? 1);

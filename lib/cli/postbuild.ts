import { cpSync, existsSync } from "node:fs";

// Next's standalone output leaves static assets to the deployer; put them where server.js serves them.
cpSync(".next/static", ".next/standalone/.next/static", { recursive: true });
if (existsSync("public")) cpSync("public", ".next/standalone/public", { recursive: true });

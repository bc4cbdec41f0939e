import http from "node:http";
import { hardenServer } from "./http-hardening.mjs";

/**
 * Loaded into the web server process before Next.js creates its server: the production build's
 * server.js imports it (scripts/postbuild.ts), `npm run dev` starts Next with --import of it
 * (scripts/serve.ts). See http-hardening.mjs for what it does.
 */
const createServer = http.createServer;
http.createServer = (...args) => hardenServer(Reflect.apply(createServer, http, args));

// @ts-check
import { randomUUID } from "node:crypto";
import http from "node:http";
import net from "node:net";

/**
 * What the Node HTTP server under Next.js must do before Next sees a request; Next exposes none
 * of it. install-node-hooks.mjs applies it to every server the web process creates.
 *
 * - The connection's address is appended to X-Forwarded-For, as a proxy does, so the app can
 *   tell the client's address from what the client wrote (lib/auth/client-address.ts). Without
 *   this, Next keeps a client-supplied X-Forwarded-For and drops the connection's address.
 * - A method Next does not route (TRACE, PROPFIND...) reaches the route as OPTIONS with the
 *   method named in METHOD_HEADER, and the route answers 405 with its own Allow
 *   (lib/api/methods.ts); Next itself would answer 500 or an empty 400.
 * - A path with a malformed percent-escape (`/api/v1/links/%ZZ`) has its stray `%` escaped, so
 *   the route sees the id literally instead of Next's router failing with a 500.
 * - Requests must arrive whole within REQUEST_TIMEOUT_MS; errors of the HTTP parser (a malformed
 *   request, headers too large, a timeout) are answered with problem+json instead of Node's bare
 *   text.
 * - A connection closed while its request's body is still arriving (the answer to a body over the
 *   limit, say) closes lingering, as nginx does: our side is shut, and what the client still sends
 *   is read and dropped for up to LINGER_MS. Closing at once would reset the connection, and a
 *   client busy sending its body sees the reset instead of the answer.
 */

export const METHOD_HEADER = "x-portal-unsupported-method";
export const ROUTED_METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]);
export const REQUEST_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 20_000;
export const LINGER_MS = 2_000;

/** Every answer written here carries the headers the app sets on its own (lib/security-headers.ts). */
const SECURITY_HEADERS = { "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "strict-origin-when-cross-origin" };

/** The request line and headers, fixed up as described above; exported for tests. */
export function prepareRequest(/** @type {http.IncomingMessage} */ request) {
  const peer = request.socket.remoteAddress;
  const forwarded = request.headers["x-forwarded-for"];
  if (peer) request.headers["x-forwarded-for"] = forwarded ? `${forwarded}, ${peer}` : peer;
  delete request.headers[METHOD_HEADER];
  if (request.method && !ROUTED_METHODS.has(request.method)) {
    request.headers[METHOD_HEADER] = request.method;
    request.method = "OPTIONS";
  }
  if (request.url) request.url = decodablePath(request.url);
}

/** The URL with `%` escaped in every path segment that does not decode. */
export function decodablePath(/** @type {string} */ url) {
  const queryAt = url.search(/[?#]/);
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (decodes(path)) return url;
  const fixed = path
    .split("/")
    .map((segment) => (decodes(segment) ? segment : segment.replaceAll("%", "%25")))
    .join("/");
  return fixed + (queryAt === -1 ? "" : url.slice(queryAt));
}

function decodes(/** @type {string} */ text) {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

const CLIENT_ERRORS = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, "request_timeout", "Request timeout", "The request did not arrive whole in time."],
  HPE_HEADER_OVERFLOW: [431, "headers_too_large", "Request headers too large", "The request's headers are too large."],
};

/** A complete HTTP/1.1 problem+json answer, for sockets the HTTP parser gave up on. */
export function rawProblem(/** @type {number} */ status, /** @type {string} */ code, /** @type {string} */ title, /** @type {string} */ detail, extra = {}) {
  const requestId = randomUUID();
  const body = JSON.stringify({ type: `/docs/errors#${code}`, title, status, detail, instance: `urn:uuid:${requestId}`, code, requestId });
  const headers = {
    "content-type": "application/problem+json",
    "content-length": Buffer.byteLength(body),
    "x-request-id": requestId,
    ...SECURITY_HEADERS,
    ...extra,
    connection: "close",
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n${lines.join("\r\n")}\r\n\r\n${body}`;
}

function onClientError(/** @type {Error & { code?: string }} */ error, /** @type {import("node:stream").Duplex} */ socket) {
  // As Node's own handler: answer only when nothing was written yet, then close.
  if (error.code !== "ECONNRESET" && socket.writable && /** @type {import("node:net").Socket} */ (socket).bytesWritten === 0) {
    const [status, code, title, detail] = CLIENT_ERRORS[/** @type {keyof typeof CLIENT_ERRORS} */ (error.code)] ?? [
      400,
      "bad_request",
      "Bad request",
      "The request is not valid HTTP/1.1.",
    ];
    socket.end(rawProblem(status, code, title, detail));
  }
  socket.destroy();
}

function onConnect(/** @type {http.IncomingMessage} */ _request, /** @type {import("node:stream").Duplex} */ socket) {
  socket.end(rawProblem(405, "method_not_allowed", "Method not allowed", "CONNECT is not supported: this is not a proxy.", { allow: "GET, HEAD, OPTIONS" }));
}

/** The request each connection is serving, to tell whether its body is still arriving. */
const serving = new WeakMap();

function closeLingering(/** @type {import("node:net").Socket} */ socket) {
  const request = serving.get(socket);
  if (!request || request.complete) return void destroySoon.call(socket);
  socket.end();
  socket.resume(); // Node's HTTP parser reads on and drops the rest of the body
  const timer = setTimeout(() => socket.destroy(), LINGER_MS).unref();
  socket.once("close", () => clearTimeout(timer));
}
const destroySoon = net.Socket.prototype.destroySoon;

/** Applies the above to a server and its request listener. */
export function hardenServer(/** @type {http.Server} */ server) {
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.on("clientError", onClientError);
  server.on("connect", onConnect);
  server.prependListener("request", prepareRequest);
  server.on("request", (/** @type {http.IncomingMessage} */ request) => serving.set(request.socket, request));
  // Node closes a connection whose answer says so with socket.destroySoon(): closed lingering instead.
  server.on("connection", (/** @type {import("node:net").Socket} */ socket) => Object.assign(socket, { destroySoon: () => closeLingering(socket) }));
  return server;
}

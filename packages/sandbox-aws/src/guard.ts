import type { IncomingHttpHeaders } from "node:http";

/**
 * Keeps web pages out. Binding to loopback is not enough: a page the developer visits can point its
 * own name at 127.0.0.1 (DNS rebinding; the request then carries that name as Host), or post to
 * http://127.0.0.1:4566 across sites (a form or a text/plain fetch needs no preflight). So every
 * request must name the sandbox by a loopback name (or the configured host), and the /_sandbox/
 * endpoints refuse what a browser marks as cross-site and writes that are not JSON.
 */

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];
const WILDCARDS = new Set(["", "0.0.0.0", "::", "[::]"]);

export type Refusal = { status: 403 | 415; error: string };

/** The names a request may give as Host: the loopback ones, and the bind address when it names one host. */
export function allowedHostNames(configuredHost: string | undefined): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  const host = (configuredHost ?? "").toLowerCase();
  if (!WILDCARDS.has(host)) names.add(host.includes(":") && !host.startsWith("[") ? `[${host}]` : host);
  return names;
}

/** `name[:port]` or `[v6][:port]` without the port, lower case; undefined when malformed. */
export function hostNameOf(header: string | undefined): string | undefined {
  const host = header?.trim().toLowerCase();
  if (!host) return undefined;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/.exec(host);
  return match?.[1];
}

function isAllowedOrigin(origin: string, names: Set<string>): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && names.has(url.hostname);
  } catch {
    return false;
  }
}

function mediaType(headers: IncomingHttpHeaders): string {
  return (headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Why this request is refused, or undefined to serve it. */
export function refusal(method: string, path: string, headers: IncomingHttpHeaders, names: Set<string>): Refusal | undefined {
  const host = hostNameOf(headers.host);
  if (!host || !names.has(host)) {
    return { status: 403, error: `Host '${headers.host ?? ""}' is not this sandbox: use ${[...names].join(", ")} (with the port)` };
  }
  const origin = headers.origin;
  if (origin !== undefined && !isAllowedOrigin(origin, names)) return { status: 403, error: `cross-site request refused (Origin ${origin})` };
  const site = headers["sec-fetch-site"];
  if (site === "cross-site" || site === "same-site") return { status: 403, error: `cross-site request refused (Sec-Fetch-Site ${site})` };
  const isWrite = method !== "GET" && method !== "HEAD";
  if (path.startsWith("/_sandbox/") && isWrite && mediaType(headers) !== "application/json") {
    return { status: 415, error: `the sandbox's ${method} ${path} takes application/json (got ${mediaType(headers) || "no content type"})` };
  }
  return undefined;
}

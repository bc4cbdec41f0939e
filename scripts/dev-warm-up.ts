import { connect } from "node:net";

/**
 * `npm run dev`: Next's dev server compiles a route the first time it is asked for, so the first visit after "Ready" waited
 * for the compiler (9.5 s on a quiet machine, up to 28 s on a busy one). Here the dev server is asked, on loopback, for the
 * pages a person opens first, one at a time (two compiles at once would only share the same cores): the sign-in page and its
 * auth routes first, after which the address is announced, then the rest in the background. A visit that comes while one compiles waits for that
 * compile rather than starting another.
 */

/** The sign-in page and the auth routes it calls as someone signs in: ready before the address is announced. */
export const SIGN_IN_PATHS = ["/sign-in", "/api/auth/providers", "/api/auth/csrf", "/api/auth/session"] as const;

/** In the order people reach them: sign-in, the customer's pages, the admin console. */
export const WARM_PATHS = [
  ...SIGN_IN_PATHS,
  "/",
  "/setup",
  "/links/new",
  // Any id compiles a dynamic route: signed out, the layout redirects before the id is looked up.
  "/links/00000000-0000-4000-8000-000000000000",
  "/settings",
  "/admin",
  "/admin/links",
] as const;

export type Warmed = { path: string; status: number; seconds: number };

type Options = {
  /** Told about each page as it answers (the first is the sign-in page). */
  onWarmed?: (warmed: Warmed) => void;
  /** Stops waiting and warming (the server exited). */
  signal?: AbortSignal;
  paths?: readonly string[];
};

export async function warmUp(baseUrl: string, { onWarmed = () => {}, signal, paths = WARM_PATHS }: Options = {}): Promise<Warmed[]> {
  await untilListening(baseUrl, signal);
  const warmed: Warmed[] = [];
  for (const path of paths) {
    if (signal?.aborted) break;
    const started = performance.now();
    // A redirect (signed out) is an answer too: the route, and what it redirects with, are compiled by then.
    const response = await fetch(new URL(path, baseUrl), { redirect: "manual", signal }).catch(() => null);
    await response?.arrayBuffer().catch(() => undefined);
    const result = { path, status: response?.status ?? 0, seconds: (performance.now() - started) / 1000 };
    warmed.push(result);
    onWarmed(result);
  }
  return warmed;
}

/** Whether a server accepts connections on host:port: a TCP connect, not a request, which would compile a route of its own first. */
export function isListening(host: string, port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = connect({ host, port });
    const settle = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once("connect", () => settle(true)).once("error", () => settle(false));
    socket.setTimeout(1000, () => settle(false));
  });
}

async function untilListening(baseUrl: string, signal: AbortSignal | undefined): Promise<void> {
  const { hostname, port } = new URL(baseUrl);
  const host = hostname.replace(/^\[(.*)\]$/, "$1");
  while (!signal?.aborted) {
    if (await isListening(host, Number(port))) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Where this machine reaches a server listening on `host` (a wildcard address listens on loopback too). */
export function localBaseUrl(host: string, port: number): string {
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}

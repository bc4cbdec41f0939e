import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { until } from "../until";

/**
 * A webhook receiver on 127.0.0.1 (port 0): records every request with its raw body and answers
 * from a script (a status per request, then `fallback`). Only ever loopback.
 */
export type Received = { method: string; path: string; headers: IncomingHttpHeaders; body: string; at: number };
type Answer = number | "hang";

export type Receiver = {
  url: (path?: string) => string;
  port: number;
  received: Received[];
  /** The next requests' answers, in order. */
  script: (...answers: Answer[]) => void;
  /** Decides the answer from the request's headers (before the script); undefined: use the script. */
  answerBy: (decide: ((headers: IncomingHttpHeaders) => Answer | undefined) | undefined) => void;
  /** Forgets answers scripted but not used. */
  reset: () => void;
  fallback: Answer;
  waitFor: (count: number) => Promise<Received[]>;
};

/** A receiver of the test file's own: listening before its tests, closed after them. */
export function withReceiver(): Receiver {
  const received: Received[] = [];
  const queue: Answer[] = [];
  const hanging = new Set<() => void>();
  const state: { fallback: Answer; answerFor?: (headers: IncomingHttpHeaders) => Answer | undefined } = { fallback: 200 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      });
      const answer = state.answerFor?.(request.headers) ?? queue.shift() ?? state.fallback;
      if (answer === "hang") {
        hanging.add(() => response.destroy());
        return;
      }
      if (answer >= 300 && answer < 400) response.setHeader("location", `http://127.0.0.1:${port()}/redirected`);
      response.writeHead(answer, { "content-type": "text/plain" }).end(`answer ${answer}`);
    });
  });
  const port = () => (server.address() as AddressInfo).port;
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve)));
  afterAll(async () => {
    for (const end of hanging) end();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    url: (path = "/hooks") => `http://127.0.0.1:${port()}${path}`,
    get port() {
      return port();
    },
    received,
    script: (...answers) => queue.push(...answers),
    reset: () => queue.splice(0),
    answerBy: (decide) => {
      state.answerFor = decide;
    },
    get fallback() {
      return state.fallback;
    },
    set fallback(answer: Answer) {
      state.fallback = answer;
    },
    waitFor: (count) =>
      until(
        () => received,
        (all) => all.length >= count,
        { intervalMs: 50 },
      ),
  };
}

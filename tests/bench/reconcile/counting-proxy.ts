import { Agent, createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback HTTP proxy in front of the sandbox that counts AWS requests as they arrive: by action,
 * by caller (the control principal's own keys, or a role session's temporary keys) and by answer
 * (throttled or not). The engine is pointed at it, so every call it makes is seen on the wire.
 */

export type CallCounts = {
  total: number;
  byAction: Record<string, number>;
  /** Calls signed with the control principal's long-term keys (the reconciler's). */
  control: number;
  /** Calls signed with an organization role's session keys (verify, provision, delete). */
  role: number;
  /** Answers with HTTP 503 from EC2 or 400 Throttling from STS/IAM. */
  throttled: number;
  throttledByAction: Record<string, number>;
};

export type CountingProxy = {
  url: string;
  counts: CallCounts;
  reset: () => CallCounts;
  close: () => Promise<void>;
};

function emptyCounts(): CallCounts {
  return { total: 0, byAction: {}, control: 0, role: 0, throttled: 0, throttledByAction: {} };
}

export async function startCountingProxy(target: string, controlAccessKeyId: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  let counts = emptyCounts();
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      const isAws = !incoming.url?.startsWith("/_sandbox/");
      const seen = counts;
      const action = new URLSearchParams(body.toString("utf8")).get("Action") ?? "(none)";
      if (isAws) {
        seen.total += 1;
        seen.byAction[action] = (seen.byAction[action] ?? 0) + 1;
        if (String(incoming.headers.authorization ?? "").includes(`Credential=${controlAccessKeyId}/`)) seen.control += 1;
        else seen.role += 1;
      }
      const forward = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers, agent },
        (answer) => {
          const status = answer.statusCode ?? 502;
          if (isAws && (status === 503 || status === 400)) {
            const parts: Buffer[] = [];
            answer.on("data", (part: Buffer) => parts.push(part));
            answer.on("end", () => {
              const text = Buffer.concat(parts);
              if (/RequestLimitExceeded|<Code>Throttling</.test(text.toString("utf8"))) {
                seen.throttled += 1;
                seen.throttledByAction[action] = (seen.throttledByAction[action] ?? 0) + 1;
              }
              outgoing.writeHead(status, answer.headers);
              outgoing.end(text);
            });
            return;
          }
          outgoing.writeHead(status, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forward.on("error", () => outgoing.destroy());
      forward.end(body);
    });
  });
  server.keepAliveTimeout = 0; // as the sandbox: no race between closing an idle socket and reusing it
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get counts() {
      return counts;
    },
    reset: () => {
      const previous = counts;
      counts = emptyCounts();
      return previous;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}

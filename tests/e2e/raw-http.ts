import http from "node:http";
import { PORT } from "../../playwright.config";

/**
 * Requests to the production server the way an attacker sends them, below what a browser or
 * Playwright's client allows: any method, lying Content-Length, endless chunked bodies, another
 * loopback source address. Resolves with the answer as soon as it arrives, and the body bytes sent
 * until then.
 */
export type Answer = { status: number; headers: http.IncomingHttpHeaders; text: string; json: () => Record<string, unknown>; bodyBytesSent: number };

export function send({
  method = "GET",
  path,
  headers = {},
  body,
  endless = false,
  complete = true,
  localAddress,
}: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Stream chunks of 64 KiB until the answer comes (up to 256 MiB). */
  endless?: boolean;
  /** false: send `body` and then nothing, whatever Content-Length says. */
  complete?: boolean;
  localAddress?: string;
}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = http.request({ host: "127.0.0.1", port: PORT, method, path, headers, localAddress, agent: false }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text,
          json: () => JSON.parse(text) as Record<string, unknown>,
          bodyBytesSent: sent,
        });
        request.destroy();
      });
    });
    request.on("error", (error) => (answered ? undefined : reject(error)));
    if (body !== undefined) {
      sent += Buffer.byteLength(body);
      request.write(body);
    }
    if (endless) {
      const chunk = Buffer.alloc(64 * 1024, "x");
      const pump = () => {
        while (!answered && sent < 256 * 1024 * 1024) {
          sent += chunk.length;
          if (!request.write(chunk)) return void request.once("drain", pump);
        }
      };
      pump();
    } else if (complete) {
      request.end();
    }
  });
}

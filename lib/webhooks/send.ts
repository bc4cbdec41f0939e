import "server-only";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { hostOf, parseWebhookUrl, resolveWebhookHost, UnsafeUrlError, type Resolver, type WebhookUrlPolicy } from "./url-policy";

// The SSRF rules run again here and the connection goes to the address checked (our own `lookup`), so DNS cannot answer
// differently between the check and the connect. Redirects are not followed: a 3xx is a failure.
export type SendResult = { ok: boolean; status: number | null; error: string | null; durationMs: number };

const MAX_RESPONSE_BYTES = 64 * 1024;

export async function postWebhook({
  url,
  body,
  headers,
  policy,
  timeoutMs,
  resolve,
}: {
  url: string;
  body: string;
  headers: Record<string, string>;
  policy: WebhookUrlPolicy;
  timeoutMs: number;
  resolve?: Resolver;
}): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let target: URL;
  let pinned: { address: string; family: 4 | 6 };
  try {
    target = parseWebhookUrl(url, policy);
    pinned = await resolveWebhookHost(hostOf(target), policy, resolve);
  } catch (error) {
    const reason = error instanceof UnsafeUrlError ? `Refused: ${error.reason}` : `Could not resolve the host: ${(error as Error).message}`;
    return { ok: false, status: null, error: reason, durationMs: elapsed() };
  }

  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
  const client = target.protocol === "https:" ? https : http;

  return new Promise<SendResult>((settle) => {
    let done = false;
    const finish = (result: Omit<SendResult, "durationMs">) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      settle({ ...result, durationMs: elapsed() });
    };
    const request = client.request(
      target,
      { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, lookup, agent: false, timeout: timeoutMs },
      (response) => {
        const status = response.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        const error = ok ? null : status >= 300 && status < 400 ? `HTTP ${status}: redirects are not followed` : `HTTP ${status}`;
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) response.destroy();
        });
        response.on("end", () => finish({ ok, status, error }));
        response.on("close", () => finish({ ok, status, error }));
        response.on("error", () => finish({ ok, status, error }));
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      finish({ ok: false, status: null, error: `Timed out after ${timeoutMs / 1000} s` });
    }, timeoutMs);
    request.on("timeout", () => {
      request.destroy();
      finish({ ok: false, status: null, error: `Timed out after ${timeoutMs / 1000} s` });
    });
    request.on("error", (error: NodeJS.ErrnoException) => finish({ ok: false, status: null, error: `Connection failed: ${error.code ?? error.message}` }));
    request.end(body);
  });
}

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createSecureContext, type SecureContext } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postWebhook } from "@/lib/webhooks/send";
import { selfSignedCertificate } from "./helpers";

/**
 * https deliveries verify the receiver's certificate against the host name in the URL (sent as
 * SNI), even though the connection goes to the address we resolved and checked. A receiver on
 * 127.0.0.1 with a self-signed certificate (made with openssl for this run) must be refused.
 */
const hasOpenssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

let server: Server | undefined;
let port = 0;
const servernames: string[] = [];

beforeAll(async () => {
  if (!hasOpenssl) return;
  const dir = mkdtempSync(path.join(tmpdir(), "webhook-tls-"));
  try {
    const credentials = selfSignedCertificate(dir, "hooks.receiver.test");
    const context = createSecureContext(credentials);
    const SNICallback = (servername: string, callback: (error: Error | null, context: SecureContext) => void) => {
      servernames.push(servername);
      callback(null, context);
    };
    server = createServer({ ...credentials, SNICallback }, (_request, response) => response.writeHead(200).end("ok"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe("webhook deliveries over https", () => {
  it.skipIf(!hasOpenssl)("refuse a certificate no public authority signed, after presenting the URL's host name", async () => {
    const result = await postWebhook({
      url: `https://hooks.receiver.test:${port}/in`,
      body: "{}",
      headers: { "content-type": "application/json" },
      policy: { requireHttps: true, allowPrivateAddresses: true },
      timeoutMs: 5_000,
      resolve: async () => [{ address: "127.0.0.1", family: 4 }],
    });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/SELF_SIGNED_CERT/);
    expect(result.status).toBeNull();
    expect(servernames).toEqual(["hooks.receiver.test"]);
  });
});

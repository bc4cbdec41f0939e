import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { createOrganization, withLinkEngine } from "../fixtures/app";
import { withTempDir } from "../fixtures/temp-dir";
import { withWorkers } from "../fixtures/workers";
import { ownerOf, registerSomeLink, selfSignedCertificate } from "./helpers";
import { withReceiver } from "./receiver";

/**
 * The worker as `npm run worker` starts it (no NODE_ENV, no WEBHOOK_ALLOW_PRIVATE_URLS) refuses
 * webhook targets on this machine at delivery, whatever they looked like at registration: a plain
 * http URL on 127.0.0.1, and an https URL whose name now resolves to loopback (what DNS rebinding
 * does) served with a certificate the worker trusts, so nothing but the address rule stops it.
 */
const { engine, sandbox } = withLinkEngine();
const plain = withReceiver();
const dir = withTempDir("webhook-ssrf-");
let tls: Server;
let tlsPort = 0;
const tlsRequests: string[] = [];

beforeAll(async () => {
  const credentials = selfSignedCertificate(dir, "localhost");
  tls = createServer(credentials, (request, response) => {
    tlsRequests.push(`${request.method} ${request.url}`);
    response.writeHead(200).end("ok");
  });
  await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
  tlsPort = (tls.address() as AddressInfo).port;
  writeFileSync(path.join(dir, "ca.pem"), credentials.cert);
});
afterAll(async () => {
  tls.closeAllConnections();
  await new Promise<void>((resolve) => tls.close(() => resolve()));
});
const workers = withWorkers({ expireInSeconds: 30 });

describe("npm run worker without NODE_ENV", () => {
  it("refuses loopback and plain http targets at delivery", async () => {
    const { ctx } = await createOrganization();
    // Registered while this test process allows local receivers, as a name that resolved publicly then would be.
    const http = await createWebhook({ ctx: ownerOf(ctx), input: { url: plain.url("/plain"), eventTypes: ["link.state_changed"] } });
    const rebound = await createWebhook({ ctx: ownerOf(ctx), input: { url: `https://localhost:${tlsPort}/rebound`, eventTypes: ["link.state_changed"] } });
    await registerSomeLink(engine(), ctx);

    await workers.spawn(sandbox(), { NODE_ENV: undefined, NODE_EXTRA_CA_CERTS: path.join(dir, "ca.pem") }); // as npm run worker: no NODE_ENV

    // Wait until the worker has recorded the outcome of a first attempt for each webhook.
    const attempted = async (webhookId: string) =>
      engine().db.webhookDelivery.findFirst({
        where: { webhookId, attemptCount: { gte: 1 }, OR: [{ error: { not: null } }, { status: { not: "pending" } }] },
        orderBy: { eventId: "asc" },
      });
    let first = { http: await attempted(http.id), rebound: await attempted(rebound.id) };
    while (!first.http || !first.rebound) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      first = { http: await attempted(http.id), rebound: await attempted(rebound.id) };
    }

    expect(plain.received).toEqual([]);
    expect(tlsRequests).toEqual([]);
    expect(first.http).toMatchObject({ status: "pending", error: expect.stringMatching(/^Refused: .*plain http is refused/) });
    expect(first.rebound).toMatchObject({
      status: "pending",
      error: expect.stringMatching(/^Refused: The host localhost resolves to (127\.0\.0\.1|::1), a loopback address/),
    });
  });
});

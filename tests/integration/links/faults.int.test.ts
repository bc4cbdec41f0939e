import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteLink } from "@/lib/links/delete-link";
import type { Engine } from "@/lib/engine";
import { throttled, type AwsService } from "@privatelink-portal/sandbox-aws/errors";
import { requestId } from "@privatelink-portal/sandbox-aws/state";
import { errorDocument } from "@privatelink-portal/sandbox-aws/wire/xml";
import { credentialsOf, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { withLinkEngine } from "../fixtures/app";
import { withWorkers } from "../fixtures/workers";
import { liveEndpointsByLink, offerAllRegions, registerLinks, waitForState } from "./convergence";

/**
 * Faults: between the worker and the sandbox, 30% of AWS requests are throttled (answered with
 * the service's own throttling error, as the sandbox renders it) and the sandbox fails 5% of the
 * vendor's requests with 500/503, while its EC2 request budgets are on. The engine uses the SDK's
 * default retries (3 attempts); what they do not absorb, the job-level retry carries. Every link
 * still converges, none is marked failed, and each has exactly one endpoint.
 */

const THROTTLE_RATE = 0.3;
const SERVER_ERROR_RATE = 0.05;

const { engine, sandbox } = withLinkEngine();
let proxy: { url: string; server: Server; stats: { forwarded: number; throttled: number } };

/** The service a request is signed for, from its SigV4 credential scope. */
function serviceOf(request: IncomingMessage): AwsService {
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([a-z0-9-]+)\/aws4_request/.exec(String(request.headers.authorization ?? ""))?.[1];
  return scope === "sts" || scope === "iam" ? scope : "ec2";
}

/** A loopback proxy to the sandbox that throttles a share of AWS requests at random. */
async function startThrottlingProxy(target: URL, rate: number) {
  const stats = { forwarded: 0, throttled: 0 };
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      if (!incoming.url?.startsWith("/_sandbox/") && Math.random() < rate) {
        stats.throttled += 1;
        const service = serviceOf(incoming);
        const error = throttled(service);
        outgoing.writeHead(error.status, { "content-type": "text/xml;charset=UTF-8" });
        outgoing.end(errorDocument(service, error, requestId()));
        return;
      }
      stats.forwarded += 1;
      const forward = httpRequest(
        { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forward.on("error", () => outgoing.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, stats };
}

beforeAll(async () => {
  await offerAllRegions(engine());
  proxy = await startThrottlingProxy(new URL(sandbox().url), THROTTLE_RATE);
});

afterAll(async () => {
  proxy.server.closeAllConnections();
  await new Promise((resolve) => proxy.server.close(resolve));
});
// After the proxy's hooks, so the worker stops before the proxy closes (after-hooks run in reverse).
const workers = withWorkers({ expireInSeconds: 60 });

describe("links under throttling and server errors", () => {
  it("all converge with one endpoint each, and none fails", async () => {
    // Setup talks to the sandbox directly; only the worker goes through the faults.
    const registered = await registerLinks(engine(), sandbox(), { count: 20, organizations: 2 });
    const ids = registered.map((r) => r.link.id);
    sandbox().runtime.throttler.options = { enabled: true, refillMultiplier: 1 };
    sandbox().runtime.throttler.reset();
    sandbox().addFaults([
      { accountId: VENDOR.accountId, errorRate: SERVER_ERROR_RATE / 2, errorStatus: 500 },
      { accountId: VENDOR.accountId, errorRate: SERVER_ERROR_RATE / 2, errorStatus: 503 },
    ]);

    // As the worker runs in production: the SDK's default retries (no maxAttempts), EC2's budgets.
    const faulty: Engine = { ...engine(), aws: { endpoint: proxy.url, controlCredentials: credentialsOf(VENDOR) } };
    await workers.start(faulty, { concurrency: 4, everyMs: 500, maintenanceIntervalSeconds: 5 });

    const pending = await waitForState(engine(), ids, "pending_acceptance");
    const live = liveEndpointsByLink(sandbox());
    for (const link of pending) expect(live.get(link.id), link.id).toEqual([link.endpointId]);

    const endpointOf = new Map(pending.map((l) => [l.id, l.endpointId!]));
    await Promise.all(registered.map((r) => r.accept(endpointOf.get(r.link.id)!)));
    await waitForState(engine(), ids, "available");

    for (const r of registered) await deleteLink({ ctx: r.ctx, input: { linkId: r.link.id } });
    await waitForState(engine(), ids, "deleted");
    for (const id of ids) expect(liveEndpointsByLink(sandbox()).get(id)).toBeUndefined();

    expect(await engine().db.linkEvent.count({ where: { linkId: { in: ids }, toState: "failed" } })).toBe(0);
    expect(proxy.stats.throttled).toBeGreaterThan(0);
    const share = proxy.stats.throttled / (proxy.stats.throttled + proxy.stats.forwarded);
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.4);
  });
});

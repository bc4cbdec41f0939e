import dgram from "node:dgram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "@/lib/engine";
import { runProbe } from "@/lib/links/probes/probe-link";
import { listLinkProbes } from "@/lib/links/probes/read-probes";
import { probeWhenAvailable, sweepProbes } from "@/lib/links/probes/schedule";
import { getLink } from "@/lib/links/read-links";
import { collectMetrics } from "@/lib/metrics/collect";
import { dispatchWebhookEvents } from "@/lib/webhooks/dispatch";
import { createOrganization, jobCtx, withLinkEngine } from "../fixtures/app";
import { makeCaller } from "../fixtures/callers";
import { call, HANDLERS } from "../api/api-helpers";
import { startDns, startTcp } from "./probes-fixtures";

/**
 * Probes kept and seen: real probes (a DNS server and a listener on loopback, the link's zonal name resolving to it) run by
 * the job's handler against the real database; the routes called with real requests.
 */
const { engine } = withLinkEngine();

const ZONE_ADDRESS = "127.0.0.21";
const REGIONAL = "vpce-0probe000000000001-abcdefgh.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";
const ZONAL = "vpce-0probe000000000001-abcdefgh-us-east-1a.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";

let dns: Awaited<ReturnType<typeof startDns>>;
let port = 0;
let listener: Awaited<ReturnType<typeof startTcp>> | null = null;
let names = 0;

const probing = (overrides: Partial<NonNullable<Engine["overrides"]>["probes"]> = {}): Engine => ({
  ...engine(),
  overrides: { ...engine().overrides, probes: { enabled: true, resolver: dns.server, timeoutMs: 2000, ...overrides } },
});

beforeAll(async () => {
  dns = await startDns({ [REGIONAL]: [ZONE_ADDRESS], [ZONAL]: [ZONE_ADDRESS] });
  listener = await startTcp(ZONE_ADDRESS, 0);
  port = listener.port;
});
afterAll(async () => {
  await listener?.close();
  await dns.close();
});

async function serviceUp(up: boolean) {
  if (up && !listener) listener = await startTcp(ZONE_ADDRESS, port);
  if (!up && listener) {
    await listener.close();
    listener = null;
  }
}

/** A UDP port on loopback with nothing bound to it: a resolver that does not answer. */
async function silentResolver(): Promise<string> {
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port: silent } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return `127.0.0.1:${silent}`;
}

async function availableLink(organizationId: string, { tlsPorts = [] }: { tlsPorts?: number[] } = {}) {
  names += 1;
  return engine().db.link.create({
    data: {
      organizationId,
      name: `probed-${names}`,
      serviceName: `com.amazonaws.vpce.us-east-1.vpce-svc-${names.toString(16).padStart(17, "c")}`,
      serviceRegion: "us-east-1",
      region: "us-east-1",
      ports: [port],
      tlsPorts,
      state: "available",
      endpointId: `vpce-${names.toString(16).padStart(17, "0")}`,
      dnsNames: { regional: [REGIONAL], zonal: [ZONAL] },
    },
  });
}

const probe = (linkId: string, e = probing()) => runProbe({ ctx: jobCtx(e), input: { linkId, trigger: "schedule" } });

describe("a link's probes", () => {
  it("sets and clears degraded, and writes the timeline only when the status changes", async () => {
    const { org, ctx } = await createOrganization();
    const link = await availableLink(org.id);
    await engine().db.webhook.create({
      data: { organizationId: org.id, url: "https://hooks.example.com/in", eventTypes: ["link.connectivity_changed"], secret: "s" },
    });

    await serviceUp(true);
    expect(await probe(link.id)).toEqual({ status: "ok", changed: false });
    await serviceUp(false);
    expect(await probe(link.id)).toEqual({ status: "degraded", changed: true });
    const degraded = await getLink({ ctx: { ...ctx, engine: probing() }, input: { linkId: link.id } });
    expect(degraded).toMatchObject({ state: "available", degraded: true, connectivity: { status: "degraded" } });
    expect(degraded.connectivity.targets.find((t) => t.kind === "zonal")).toMatchObject({
      availabilityZone: "us-east-1a",
      ports: [{ port, result: "refused" }],
    });
    expect(degraded.connectivity.diagnosis.length).toBeGreaterThan(0);
    expect(await probe(link.id)).toEqual({ status: "degraded", changed: false });
    await serviceUp(true);
    expect(await probe(link.id)).toEqual({ status: "ok", changed: true });
    expect(await getLink({ ctx: { ...ctx, engine: probing() }, input: { linkId: link.id } })).toMatchObject({
      degraded: false,
      connectivity: { status: "ok" },
    });

    const events = await engine().db.linkEvent.findMany({ where: { linkId: link.id, kind: "connectivity" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.fromState, e.toState, e.fromConnectivity, e.toConnectivity])).toEqual([
      ["available", "available", "ok", "degraded"],
      ["available", "available", "degraded", "ok"],
    ]);
    expect(events[0]!.reason).toContain(`us-east-1a port ${port} (refused)`);

    // The outbox delivers them as link.connectivity_changed, with the link and the previous status.
    await dispatchWebhookEvents({ ctx: jobCtx(probing()), input: { settleMs: 0 } });
    const deliveries = await engine().db.webhookDelivery.findMany({ where: { eventId: { in: events.map((e) => e.id) } }, orderBy: { eventId: "asc" } });
    expect(deliveries.map((d) => d.eventType)).toEqual(["link.connectivity_changed", "link.connectivity_changed"]);
    const payload = JSON.parse(deliveries[0]!.payload) as { type: string; data: { event: { connectivity: unknown }; link: { id: string } } };
    expect(payload).toMatchObject({
      type: "link.connectivity_changed",
      data: { event: { connectivity: { previousStatus: "ok", status: "degraded" } }, link: { id: link.id } },
    });

    // History, newest first, a page at a time.
    const first = await listLinkProbes({ ctx, input: { linkId: link.id, limit: 3 } });
    expect(first.data.map((p) => p.status)).toEqual(["ok", "degraded", "degraded"]);
    const second = await listLinkProbes({ ctx, input: { linkId: link.id, limit: 3, cursor: first.nextCursor! } });
    expect(second).toMatchObject({ data: [{ status: "ok" }], nextCursor: null });

    const metrics = (await collectMetrics(engine())).body;
    expect(metrics).toMatch(/privatelink_probes_total\{region="us-east-1",result="degraded"\} [2-9]/);
    expect(metrics).toMatch(/privatelink_probe_checks_total\{region="us-east-1",result="refused"\} [4-9]/);
    expect(metrics).toContain("privatelink_links_degraded");
  });

  it("completes a TLS handshake on the link's TLS ports only", async () => {
    const { org, ctx } = await createOrganization();
    await serviceUp(true);
    const plain = await availableLink(org.id);
    const tls = await availableLink(org.id, { tlsPorts: [port] });
    expect(await probe(plain.id)).toEqual({ status: "ok", changed: false });
    // The listener speaks plain TCP: on a port the customer marked as TLS, the handshake fails.
    expect(await probe(tls.id)).toEqual({ status: "degraded", changed: true });
    const view = await getLink({ ctx: { ...ctx, engine: probing() }, input: { linkId: tls.id } });
    expect(view.tlsPorts).toEqual([port]);
    expect(view.connectivity.targets[0]!.ports[0]).toMatchObject({ port, result: "tls_error", tls: { failure: "handshake_failed" } });
    expect(view.connectivity.diagnosis.map((d) => d.code)).toContain("tls_handshake_failed");
  });

  it("marks nothing degraded when the resolver itself does not answer", async () => {
    const { org } = await createOrganization();
    const link = await availableLink(org.id);
    expect(await probe(link.id, probing({ resolver: await silentResolver() }))).toEqual({ skipped: "resolver_unreachable" });
    const after = await engine().db.link.findUniqueOrThrow({ where: { id: link.id } });
    expect(after).toMatchObject({ degraded: false, probeStatus: null });
    expect(await engine().db.linkProbe.count({ where: { linkId: link.id } })).toBe(0);
  });

  it("does nothing for a link no longer available", async () => {
    const { org } = await createOrganization();
    const link = await availableLink(org.id);
    await engine().db.link.update({ where: { id: link.id }, data: { state: "disconnected" } });
    expect(await probe(link.id)).toEqual({ skipped: "not_available" });
  });

  it("with PROBES=off: connectivity off, nothing scheduled, nothing probed", async () => {
    const off = probing({ enabled: false });
    const { org, ctx } = await createOrganization();
    const link = await availableLink(org.id);
    expect(await sweepProbes({ ctx: jobCtx(off) })).toEqual({ queued: 0 });
    await engine().db.$transaction((tx) => probeWhenAvailable(tx, jobCtx(off), link.id));
    expect(await probe(link.id, off)).toEqual({ skipped: "off" });
    const view = await getLink({ ctx: { ...ctx, engine: off }, input: { linkId: link.id } });
    expect(view).toMatchObject({ degraded: false, connectivity: { status: "off", checkedAt: null, nextCheckAt: null } });
    expect(view.allowedActions).not.toContain("probe");
    expect((await engine().db.link.findUniqueOrThrow({ where: { id: link.id } })).nextProbeAt).toBeNull();

    // On, the sweep queues it and moves its next probe a whole interval on, so the next pass does not queue it again.
    expect((await sweepProbes({ ctx: jobCtx(probing()) })).queued).toBeGreaterThanOrEqual(1);
    expect((await engine().db.link.findUniqueOrThrow({ where: { id: link.id } })).nextProbeAt!.getTime()).toBeGreaterThan(Date.now());
  });
});

describe("POST /api/v1/links/{id}/probe", () => {
  it("queues a probe, then refuses a second within 30 s with 429 and Retry-After; 409 when not available", async () => {
    engine().overrides = { ...engine().overrides, probes: { enabled: true } };
    const { org } = await createOrganization();
    const other = await createOrganization();
    const { caller } = await makeCaller("memberSession", org.id, other.org.id);
    const link = await availableLink(org.id);
    const post = (id: string) => call(HANDLERS.probeLink!, { method: "POST", path: `/api/v1/links/${id}/probe`, params: { id }, caller });

    const accepted = await post(link.id);
    expect(accepted.status).toBe(202);
    const { requestedAt } = (await accepted.json()) as { requestedAt: string };
    expect(Date.parse(requestedAt)).not.toBeNaN();

    const refused = await post(link.id);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(30);
    expect(await refused.json()).toMatchObject({ code: "probe_rate_limited", status: 429 });

    await engine().db.link.update({ where: { id: link.id }, data: { state: "failed" } });
    const conflict = await post(link.id);
    expect(conflict.status).toBe(409);

    const history = await call(HANDLERS.listLinkProbes!, { method: "GET", path: `/api/v1/links/${link.id}/connectivity`, params: { id: link.id }, caller });
    expect(history.status).toBe(200);
    expect(await history.json()).toEqual({ data: [], nextCursor: null });
  });
});

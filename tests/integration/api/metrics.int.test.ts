import { beforeAll, describe, expect, it } from "vitest";
import { metricsRoute } from "@/lib/api/metrics";
import { enqueue } from "@/lib/jobs/queue";
import { provisionLinkJob } from "@/lib/links/provision-link";
import { ALL_QUEUES, sampleQueues } from "@/lib/metrics/queues";
import { ensureOrganizationPrincipal } from "@/lib/orgs/principal";
import { VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganization, jobCtx, withLinkEngine } from "../fixtures/app";
import { adminSession, createKey, createUser } from "../fixtures/callers";
import { call, HANDLERS } from "./api-helpers";
import { expectDocumented } from "./openapi-check";

/**
 * GET /api/metrics: Prometheus text with the token, 401 without it, 404 when no token is set. GET
 * /api/v1/admin/metrics: the same figures by hour for the console's charts, from link events and
 * the queue samples a worker writes.
 */
const { engine, sandbox } = withLinkEngine();
const TOKEN = "metrics-token-0123456789";

const scrape = (token: string | undefined, authorization?: string) =>
  metricsRoute(() => token)(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }), { params: Promise.resolve({}) });

/** The vendor account's roles, as the sandbox's IAM holds them. */
const vendorRoles = () => [...sandbox().state.roles.values()].filter((role) => role.accountId === VENDOR.accountId).length;

beforeAll(async () => {
  const { org } = await createOrganization();
  const db = engine().db;
  await ensureOrganizationPrincipal(engine(), org); // a role in the vendor account
  const base = { organizationId: org.id, serviceRegion: "us-east-1", region: "us-east-1", ports: [5432] };
  const hour = 3_600_000;
  const a = await db.link.create({
    data: {
      ...base,
      name: "a",
      serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0aaaaaaaaaaaaaaa1",
      state: "available",
      createdAt: new Date(Date.now() - hour),
    },
  });
  await db.linkEvent.create({
    data: {
      linkId: a.id,
      organizationId: org.id,
      fromState: "pending_acceptance",
      toState: "available",
      reason: "accepted",
      actorType: "system",
      createdAt: new Date(Date.now() - hour + 90_000),
    },
  });
  const b = await db.link.create({
    data: {
      ...base,
      name: "b",
      serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0aaaaaaaaaaaaaaa2",
      state: "failed",
      lastErrorCode: "EndpointLost",
      lastError: "gone",
    },
  });
  await db.linkEvent.create({
    data: { linkId: b.id, organizationId: org.id, fromState: "available", toState: "failed", reason: "endpoint lost", actorType: "system" },
  });
  await db.$transaction((tx) => enqueue(tx, provisionLinkJob, { linkId: b.id }, { ctx: jobCtx(engine()) }));
  await db.link.create({
    data: {
      ...base,
      name: "c",
      kind: "resource",
      serviceName: "arn:aws:vpc-lattice:us-east-1:222222222222:resourceconfiguration/rcfg-0aaaaaaaaaaaaaaa3",
      state: "verifying",
    },
  });
});

describe("GET /api/metrics", () => {
  it("is not there without METRICS_TOKEN, and refuses a missing or wrong token", async () => {
    expect((await scrape(undefined, `Bearer ${TOKEN}`)).status).toBe(404);
    expect((await scrape(TOKEN)).status).toBe(401);
    expect((await scrape(TOKEN, `Bearer ${TOKEN}x`)).status).toBe(401);
  });

  it("answers Prometheus text: links by state and region, time to available, errors, queue depth", async () => {
    const response = await scrape(TOKEN, `Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('privatelink_links{state="available",region="us-east-1"} 1');
    expect(text).toContain('privatelink_links{state="failed",region="us-east-1"} 1');
    expect(text).toContain('privatelink_register_to_available_seconds{quantile="0.5"} 90');
    expect(text).toContain("privatelink_register_to_available_count 1");
    expect(text).toContain('privatelink_link_errors{code="EndpointLost"} 1');
    expect(text).toContain("privatelink_link_failures_last_hour 1");
    expect(text).toContain('privatelink_job_queue_depth{queue="link-provision"} 1');
    expect(text).toMatch(/privatelink_job_queue_oldest_seconds\{queue="link-provision"\} \d/);
  });

  it("shows the IAM quota's headroom: the vendor account's roles and its quota, from IAM", async () => {
    sandbox().runtime.iamQuotas.roles = 250;
    const text = await (await scrape(TOKEN, `Bearer ${TOKEN}`)).text();
    expect(vendorRoles()).toBeGreaterThan(0);
    expect(text).toContain(`privatelink_iam_roles ${vendorRoles()}`);
    expect(text).toContain("privatelink_iam_roles_quota 250");
  });
});

describe("GET /api/v1/admin/metrics", () => {
  const charts = async (caller: { key?: string; cookie?: string }) => {
    const response = await call(HANDLERS.adminGetMetrics!, { method: "GET", path: "/api/v1/admin/metrics", caller });
    return { status: response.status, body: (await expectDocumented("adminGetMetrics", response)) as Record<string, Record<string, (number | null)[]>> };
  };

  it("answers 48 hours of figures: time to available, failures, and the queues as a worker sampled them", async () => {
    const db = engine().db;
    await sampleQueues({ ctx: jobCtx(engine()), input: {} });
    await sampleQueues({ ctx: jobCtx(engine()), input: {} }); // a second worker at once: no second sample
    expect(await db.queueSample.count({ where: { queue: ALL_QUEUES } })).toBe(1);
    expect(await db.queueSample.findFirst({ where: { queue: "link-provision" } })).toMatchObject({ depth: 1, retrying: 0 });

    const admin = await adminSession();
    const { status, body } = await charts(admin);
    expect(status).toBe(200);
    expect(body.hours).toHaveLength(48);
    expect(body.linksByState).toEqual(
      expect.arrayContaining([
        { state: "available", region: "us-east-1", count: 1 },
        { state: "failed", region: "us-east-1", count: 1 },
      ]),
    );
    expect(body.linksByKind).toEqual([
      { kind: "service", count: 2 },
      { kind: "resource", count: 1 },
    ]);
    expect(body.registerToAvailable!.p50Seconds!.filter((v) => v !== null).map((v) => Math.round(v!))).toEqual([90]);
    expect(body.registerToAvailable!.count!.reduce((a, b) => a! + b!, 0)).toBe(1);
    expect(body.errors!.failed!.at(-1)).toBe(1);
    expect(body.queues!.depth!.at(-1)).toBeGreaterThanOrEqual(1);
    expect(body.queues!.depth!.slice(0, -1).every((v) => v === null)).toBe(true); // no worker sampled before
  });

  it("shows the IAM quota's headroom: the vendor account's roles and its quota, as IAM answers GetAccountSummary", async () => {
    const admin = await adminSession();
    sandbox().runtime.iamQuotas.roles = 250;
    expect((await charts(admin)).body.iamRoles).toEqual({ used: vendorRoles(), quota: 250, creationsPerHour: 60, unavailable: null });
    sandbox().runtime.iamQuotas.roles = 1000;
    expect((await charts(admin)).body.iamRoles).toMatchObject({ used: vendorRoles(), quota: 1000 });
  });

  it("is the vendor admin's alone", async () => {
    const { org } = await createOrganization();
    const owner = { cookie: (await createUser({ organizationId: org.id, role: "owner" })).cookie };
    expect((await charts(owner)).status).toBe(403);
    expect((await charts({ key: (await createKey({ organizationId: org.id })).key })).status).toBe(403);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { metricsRoute } from "@/lib/api/metrics";
import { enqueue } from "@/lib/jobs/queue";
import { provisionLinkJob } from "@/lib/links/provision-link";
import { createOrganization, jobCtx, withLinkEngine } from "../links/harness";

/** GET /api/metrics: Prometheus text with the token, 401 without it, 404 when no token is set. */
const { engine } = withLinkEngine();
const TOKEN = "metrics-token-0123456789";

const scrape = (token: string | undefined, authorization?: string) =>
  metricsRoute(() => token)(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }), { params: Promise.resolve({}) });

beforeAll(async () => {
  const { org } = await createOrganization();
  const db = engine().db;
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
});

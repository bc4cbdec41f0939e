import { describe, expect, it } from "vitest";
import { reconcileLinksJob } from "@/lib/links/reconcile-links";
import { faultSchema } from "@privatelink-portal/sandbox-aws/faults";
import { createOrganization, withLinkEngine } from "../fixtures/app";
import { exitOf, withWorkers } from "../fixtures/workers";
import { until } from "../until";

/**
 * A worker killed in the middle of a reconcile pass: another worker takes the pass over once the
 * dead one's heartbeat stops (PASS_HEARTBEAT_SECONDS, about 20 s), not when its job expires. The
 * expiry here is 1500 s (JOB_EXPIRE_SECONDS 600 x 2.5), far beyond the test's own timeout, so only
 * the heartbeat can explain the takeover.
 */

const JOB_EXPIRE_SECONDS = 600;
const { engine, sandbox } = withLinkEngine();
const workers = withWorkers({ expireInSeconds: JOB_EXPIRE_SECONDS });
const startWorker = () => workers.spawn(sandbox(), { JOB_EXPIRE_SECONDS: String(JOB_EXPIRE_SECONDS) });

type JobRow = { id: string; state: string; completedOn: Date | null };

function passes(): Promise<JobRow[]> {
  return engine().db.$queryRawUnsafe<JobRow[]>(
    `SELECT id::text, state::text, completed_on AS "completedOn" FROM pgboss.job WHERE name = $1 ORDER BY created_on`,
    reconcileLinksJob.name,
  );
}

describe("a worker killed mid-pass", () => {
  it("has its reconcile pass taken over by another worker through the missed heartbeat", async () => {
    // One link due, and an AWS that holds the first pass's describe for a minute: the pass is mid-flight.
    const { org } = await createOrganization();
    await engine().db.link.create({
      data: {
        organizationId: org.id,
        name: "watched",
        serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
        serviceRegion: "us-east-1",
        region: "us-east-1",
        ports: [5432],
        state: "available",
        // Settled an hour ago: past EC2's consistency window, so the unknown endpoint is lost at once.
        stateChangedAt: new Date(Date.now() - 3_600_000),
        endpointId: "vpce-0123456789abcdef0",
        nextCheckAt: new Date(),
      },
    });
    sandbox().runtime.faults.add([faultSchema.parse({ action: "DescribeVpcEndpoints", latencyMs: 60_000, count: 1 })]);

    const first = await startWorker();
    const [stuck] = await until(
      async () => (await passes()).filter((job) => job.state === "active"),
      (active) => active.length > 0,
    );
    await until(
      () => sandbox().runtime.faults.list().length,
      (left) => left === 0, // the held describe has begun
    );
    const exited = exitOf(first);
    first.kill("SIGKILL");
    await exited;

    await startWorker();
    const after = await until(passes, (jobs) => jobs.some((job) => job.id !== stuck!.id && job.state === "completed"));
    expect(after.find((job) => job.id === stuck!.id)?.state).toBe("failed");
    // The pass that took over did the work: the link was looked at (the endpoint is unknown, so it is lost).
    expect(await engine().db.link.findFirstOrThrow({ where: { organizationId: org.id } })).toMatchObject({ state: "failed", lastErrorCode: "EndpointLost" });
  });
});

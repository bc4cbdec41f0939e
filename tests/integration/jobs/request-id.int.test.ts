import { PgBoss } from "pg-boss";
import { beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "@/lib/context";
import { JOB_SCHEMA } from "@/lib/jobs/queue";
import { verifyLinkJob } from "@/lib/links/verify-link";
import { createOrganizationWithKey, principalArnOf, withLinkEngine } from "../fixtures/app";
import { createCustomerService } from "../fixtures/customer";
import { appDatabaseUrl } from "../fixtures/database";
import { withWorkers } from "../fixtures/workers";
import { call, HANDLERS } from "../api/api-helpers";
import { waitForState } from "../links/convergence";
import { CUSTOMER_A } from "@privatelink-portal/sandbox-aws/testing";
import { until } from "../until";

/**
 * The request id travels with the work it causes: into the payloads of the jobs a request queues
 * (and the jobs those queue), and onto every line the worker logs for them. So a CreateVpcEndpoint
 * that AWS refuses, in the worker, is tied to the POST /api/v1/links that asked for the link.
 */
const { engine, sandbox } = withLinkEngine();
const workers = withWorkers({ expireInSeconds: 30 });

type Line = { level: "info" | "warn" | "error"; message: string; fields: Record<string, unknown> };
const lines: Line[] = [];
const capture: Logger = {
  info: (fields, message) => void lines.push({ level: "info", message, fields }),
  warn: (fields, message) => void lines.push({ level: "warn", message, fields }),
  error: (fields, message) => void lines.push({ level: "error", message, fields }),
};
/** The first line logged for which `match` holds, once the worker has written it. */
async function lineWhere(match: (line: Line) => boolean): Promise<Line> {
  return (await until(
    () => lines.find(match),
    (found) => found !== undefined,
  ))!;
}

beforeAll(async () => {
  await workers.start(engine(), { concurrency: 2, log: capture });
});

describe("the request id", () => {
  it("ties a CreateVpcEndpoint AWS refused in the worker to the API request that registered the link", async () => {
    const { org, key } = await createOrganizationWithKey({ approvalMode: "automatic" });
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(engine(), org.id)] });
    // Verification passes (it never names our VPC); the create then names a VPC AWS does not know.
    const region = await engine().db.vendorRegion.findUniqueOrThrow({ where: { region: "us-east-1" } });
    await engine().db.vendorRegion.update({ where: { region: "us-east-1" }, data: { vpcId: "vpc-00000000000000000" } });
    try {
      const requestId = `register-${Date.now()}`;
      const response = await call(HANDLERS.createLink!, {
        method: "POST",
        path: "/api/v1/links",
        body: { name: "refused", serviceName: service.serviceName, region: "us-east-1" },
        caller: { key },
        headers: { "x-request-id": requestId },
      });
      expect(response.status).toBe(201);
      const { id } = (await response.json()) as { id: string };

      const [failed] = await waitForState(engine(), [id], "failed");
      expect(failed!.lastErrorCode).toBe("InvalidVpcID.NotFound");
      const line = await lineWhere((l) => l.message === "provisioning failed" && l.fields.linkId === id);
      expect(line).toMatchObject({ level: "warn", fields: { requestId, job: "link-provision", awsCode: "InvalidVpcID.NotFound" } });
      expect(await engine().db.auditLog.findFirstOrThrow({ where: { targetId: id, action: "link.register" } })).toMatchObject({ requestId });
    } finally {
      await engine().db.vendorRegion.update({ where: { region: "us-east-1" }, data: { vpcId: region.vpcId } });
    }
  });

  it("is checked with the payload: a job whose payload is not its schema's is logged and dropped, not retried", async () => {
    const boss = new PgBoss({ connectionString: appDatabaseUrl(), schema: JOB_SCHEMA, supervise: false, schedule: false, max: 1 });
    boss.on("error", () => {});
    await boss.start();
    try {
      const jobId = await boss.send(verifyLinkJob.name, { linkId: "not-a-link-id", requestId: "junk-payload" });
      const line = await lineWhere((l) => l.fields.jobId === jobId && l.message === "job payload invalid; dropped");
      expect(line).toMatchObject({ level: "error", fields: { requestId: "junk-payload", job: "link-verify" } });
      expect((await boss.getJobById(verifyLinkJob.name, jobId!))?.state).toBe("completed");
    } finally {
      await boss.stop({ graceful: false });
    }
  });
});

import path from "node:path";
import { DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { afterAll, describe, expect, it } from "vitest";
import { writeBackup } from "@/lib/db/backup";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { restoreBackup } from "@/lib/db/restore";
import { setAppEngine, type Engine } from "@/lib/engine";
import { JOB_SCHEMA } from "@/lib/jobs/queue";
import { runOrphanDeletion } from "@/lib/links/orphan-delete";
import { runProvisioning } from "@/lib/links/provision-link";
import { reconcileLinks } from "@/lib/links/reconcile-links";
import { registerLink } from "@/lib/links/register-link";
import { runVerification } from "@/lib/links/verify-link";
import { clientsOf, CUSTOMER_A, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { call, HANDLERS } from "../api/api-helpers";
import { createOrganizationWithKey, jobCtx, principalArnOf, withLinkEngine } from "../fixtures/app";
import { createAdminKey } from "../fixtures/callers";
import { createCustomerService } from "../fixtures/customer";
import { appDatabaseUrl } from "../fixtures/database";
import { withTempDir } from "../fixtures/temp-dir";

/**
 * The restore drill of the README: a backup, then a link made available, then that backup restored. The database no longer
 * knows the link, AWS still bills its endpoint: the next reconcile pass lists it as an orphan, and deleting it from the admin
 * API removes it from AWS. The portal restarts after a restore (README), so the drill reads through a new database pool.
 */
const { engine, sandbox } = withLinkEngine();
const dir = withTempDir("privatelink-drill-");
const pools: Db[] = [];
afterAll(() => Promise.all(pools.map((pool) => pool.$disconnect())));

async function endpointState(endpointId: string): Promise<string | undefined> {
  const { VpcEndpoints } = await clientsOf(sandbox(), VENDOR).ec2.send(
    new DescribeVpcEndpointsCommand({ Filters: [{ Name: "vpc-endpoint-id", Values: [endpointId] }] }),
  );
  return VpcEndpoints?.[0]?.State;
}

describe("the restore drill", () => {
  it("lists the endpoint of a link newer than the restored backup within one pass, and deleting it there removes it from AWS", async () => {
    const adminKey = await createAdminKey();
    const { org, ctx } = await createOrganizationWithKey({ approvalMode: "automatic" });
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(engine(), org.id)] });
    const file = path.join(dir, "before-the-link.sql");
    await writeBackup({ databaseUrl: appDatabaseUrl(), file, jobSchema: JOB_SCHEMA });

    const { id } = await registerLink({ ctx, input: { name: "newer-than-the-backup", serviceName: service.serviceName, region: "us-east-1" } });
    await runVerification({ ctx: jobCtx(), input: { linkId: id } });
    await runProvisioning({ ctx: jobCtx(), input: { linkId: id } });
    const { endpointId } = await engine().db.link.findUniqueOrThrow({ where: { id } });
    await service.accept(endpointId!);
    await reconcileLinks({ ctx: jobCtx() });
    expect(await engine().db.link.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "available" });

    // This test's own pool is still connected, as a portal left running would be: hence --force.
    await restoreBackup({ databaseUrl: appDatabaseUrl(), file, jobSchema: JOB_SCHEMA, force: true });
    const db = createPrismaClient(appDatabaseUrl());
    pools.push(db);
    const restarted: Engine = { ...engine(), db };
    setAppEngine(restarted);
    expect(await db.link.findUnique({ where: { id } })).toBeNull();
    expect(await endpointState(endpointId!)).toBe("available");

    const report = await reconcileLinks({ ctx: jobCtx(restarted) });
    expect(report.orphans).toBeGreaterThanOrEqual(1);
    const listed = await call(HANDLERS.adminListOrphans!, { method: "GET", path: "/api/v1/admin/orphans?limit=100", caller: { key: adminKey } });
    expect(listed.status).toBe(200);
    const orphans = ((await listed.json()) as { data: { endpointId: string; organizationName: string | null }[] }).data;
    expect(orphans).toContainEqual(expect.objectContaining({ endpointId, organizationName: org.name }));

    const deleted = await call(HANDLERS.adminDeleteOrphan!, {
      method: "DELETE",
      path: `/api/v1/admin/orphans/${endpointId}`,
      params: { endpointId: endpointId! },
      caller: { key: adminKey },
    });
    expect(deleted.status).toBe(202);
    // The job the DELETE queued, run as the worker would until it is done.
    while (await runOrphanDeletion({ ctx: jobCtx(restarted), input: { endpointId: endpointId! } }));
    expect(await endpointState(endpointId!)).toBe("deleted");
  });
});

import { describe, expect, it } from "vitest";
import { retryLink } from "@/lib/links/retry-link";
import { runProvisioning as provisionOnce } from "@/lib/links/provision-link";
import { reconcileLinks as reconcileOnce } from "@/lib/links/reconcile-links";
import { registerLink } from "@/lib/links/register-link";
import { runVerification as verifyOnce } from "@/lib/links/verify-link";
import { CUSTOMER_A } from "@privatelink-portal/sandbox-aws/testing";
import { adminCtx, createOrganization, jobCtx, principalArnOf, withLinkEngine } from "../fixtures/app";
import { createCustomerService } from "../fixtures/customer";
import { asJob, reconcileUntilMoved } from "../fixtures/jobs";

// Run as the queue runs them: again while AWS is still propagating a change (the realistic profile).
const runProvisioning = asJob(provisionOnce);
const reconcileLinks = asJob(reconcileOnce);
const runVerification = asJob(verifyOnce);

/** Retry repairs: a failed link's endpoint is replaced (deleted, and a new one made with a new client token), not adopted again. */
const { engine, sandbox } = withLinkEngine();

const linkOf = (id: string) => engine().db.link.findUniqueOrThrow({ where: { id } });
const endpointIn = (id: string) => sandbox().state.endpoints.get(id);

describe("retrying a failed link", () => {
  it("deletes the failed endpoint, makes a new one with a new client token, and reaches available", async () => {
    const { org, ctx } = await createOrganization({ approvalMode: "automatic" });
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(engine(), org.id)] });
    const link = await registerLink({ ctx, input: { name: "flaky-db", serviceName: service.serviceName, region: "us-east-1" } });
    await runVerification({ ctx: jobCtx(engine()), input: { linkId: link.id } });

    // AWS fails the first endpoint after creating it.
    sandbox().addFaults([{ action: "CreateVpcEndpoint", failEndpoints: true, count: 1 }]);
    await runProvisioning({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    const failed = await reconcileUntilMoved(engine(), link.id);
    expect(failed).toMatchObject({ state: "failed", lastErrorCode: "Server.InternalError" });
    const failedEndpoint = failed.endpointId!;
    expect(endpointIn(failedEndpoint)?.state).toBe("failed");

    // This test ran the first provision job itself: as the queue would have, it is done (else the retry's collapses into it).
    await engine().db.$executeRaw`DELETE FROM pgboss.job WHERE name = 'link-provision' AND data->>'linkId' = ${link.id}`;
    const retried = await retryLink({ ctx: adminCtx(engine()), input: { linkId: link.id } });
    expect(retried).toMatchObject({ state: "provisioning", endpointId: null, lastError: null });
    // The reconciler passing before the provision job runs does not read the old failure as the new attempt's.
    await reconcileLinks({ ctx: jobCtx(engine()) });
    expect((await linkOf(link.id)).state).toBe("provisioning");

    // The job names the failed endpoint: moments after it was made, its tags (which find it otherwise) may lag it.
    const [job] = await engine().db.$queryRaw<{ data: { linkId: string; replacing?: string[] } }[]>`
      SELECT data FROM pgboss.job WHERE name = 'link-provision' AND data->>'linkId' = ${link.id}`;
    expect(job?.data.replacing).toEqual([failedEndpoint]);
    await runProvisioning({ ctx: jobCtx(engine()), input: job!.data });
    const replaced = await linkOf(link.id);
    expect(replaced.state).toBe("pending_acceptance");
    expect(replaced.endpointId).not.toBe(failedEndpoint);
    expect(["deleting", "deleted"]).toContain(endpointIn(failedEndpoint)?.state);
    expect(endpointIn(replaced.endpointId!)?.clientToken).not.toBe(endpointIn(failedEndpoint)?.clientToken);

    await service.accept(replaced.endpointId!);
    await reconcileLinks({ ctx: jobCtx(engine()) });
    expect(await linkOf(link.id)).toMatchObject({ state: "available", lastError: null });
    const audit = await engine().db.auditLog.findFirstOrThrow({ where: { action: "link.retry", targetId: link.id } });
    expect(audit.metadata).toMatchObject({ failedEndpointId: failedEndpoint, lastErrorCode: "Server.InternalError" });
  });
});

import { DeleteRoleCommand, DeleteRolePolicyCommand } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { AwsCallError } from "@/lib/aws/errors";
import { INLINE_POLICY_NAME } from "@/lib/aws/principals";
import type { Engine } from "@/lib/engine";
import { runProvisioning } from "@/lib/links/provision-link";
import { registerLink } from "@/lib/links/register-link";
import { runVerification } from "@/lib/links/verify-link";
import { repairOrganizationPrincipal } from "@/lib/orgs/admin-organization";
import { clientsOf, CUSTOMER_A, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { adminCtx, createOrganization, jobCtx, principalArnOf, withLinkEngine } from "../fixtures/app";
import { createCustomerService } from "../fixtures/customer";
import { asJob } from "../fixtures/jobs";

/**
 * IAM propagates a role made again slowly (the sandbox's realistic profile, with a fixed 20 s delay moved past on its
 * clock): after a vendor admin repairs a deleted role in one process, a worker in another process, whose session of the
 * old role AWS now refuses, meets AccessDenied from AssumeRole. It knows the role just changed (principalChangedAt), so
 * the refusal is transient and the link converges rather than failing.
 */

const IAM_DELAY_MS = 20_000;
const { engine, sandbox } = withLinkEngine({
  sandbox: {
    profile: "realistic",
    seed: 24,
    consistencyBounds: { ec2: { minMs: 0, maxMs: 0 }, ec2Tags: { minMs: 0, maxMs: 0 }, iam: { minMs: IAM_DELAY_MS, maxMs: IAM_DELAY_MS } },
  },
});

/** Another worker process: the same database and AWS, its own caches of sessions and role changes (keyed by its config). */
const otherWorker = (): Engine => ({ ...engine(), aws: { ...engine().aws } });

const attempt = (handler: typeof runVerification, worker: Engine, linkId: string) =>
  handler({ ctx: jobCtx(worker), input: { linkId } }).then(
    () => null,
    (error: unknown) => error,
  );

describe("an organization's role made again, in another process than the worker's", () => {
  it("leaves the worker's AccessDenied transient while IAM propagates it, and the link converges", async () => {
    const { org, ctx } = await createOrganization({ approvalMode: "automatic" });
    const principal = await principalArnOf(engine(), org.id); // makes the role
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [principal] });
    const link = await registerLink({ ctx, input: { name: "repaired", serviceName: service.serviceName, region: "us-east-1" } });
    const worker = otherWorker();

    // The new role: refused for now, and the worker, which did not make it, knows it is IAM propagating it.
    const early = await attempt(runVerification, worker, link.id);
    expect(early).toBeInstanceOf(AwsCallError);
    expect((early as AwsCallError).failure).toMatchObject({ kind: "transient", code: "AccessDenied" });
    // Past it (the verification also makes the vendor's canary role, which propagates in turn).
    const propagated = { beforeRetry: () => sandbox().advanceClock(IAM_DELAY_MS) };
    await asJob(runVerification, propagated)({ ctx: jobCtx(worker), input: { linkId: link.id } });
    expect((await engine().db.link.findUniqueOrThrow({ where: { id: link.id } })).state).toBe("provisioning");

    // Deleted by hand, then repaired by a vendor admin in the web process.
    const { iam } = clientsOf(sandbox(), VENDOR);
    const roleName = principal.split("/").at(-1)!;
    await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: INLINE_POLICY_NAME }));
    await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
    await repairOrganizationPrincipal({ ctx: adminCtx(engine()), input: { organizationId: org.id } });
    expect((await engine().db.organization.findUniqueOrThrow({ where: { id: org.id } })).principalChangedAt).not.toBeNull();

    const refused = await attempt(runProvisioning, worker, link.id);
    expect(refused).toBeInstanceOf(AwsCallError);
    expect((refused as AwsCallError).failure).toMatchObject({ kind: "transient", code: "AccessDenied" });
    await asJob(runProvisioning, propagated)({ ctx: jobCtx(worker), input: { linkId: link.id } });

    const provisioned = await engine().db.link.findUniqueOrThrow({ where: { id: link.id } });
    expect(provisioned.state).toBe("pending_acceptance");
    const states = await engine().db.linkEvent.findMany({ where: { linkId: link.id }, orderBy: { id: "asc" }, select: { toState: true } });
    expect(states.map((e) => e.toState)).toEqual(["verifying", "provisioning", "pending_acceptance"]);
  });
});

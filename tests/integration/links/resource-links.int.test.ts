import { GetResourceShareInvitationsCommand } from "@aws-sdk/client-ram";
import { describe, expect, it } from "vitest";
import { deleteLink, runDeletion as deleteOnce } from "@/lib/links/delete-link";
import { runProvisioning as provisionOnce } from "@/lib/links/provision-link";
import { listLinksForAdmin } from "@/lib/links/admin-links";
import { listLinks } from "@/lib/links/read-links";
import { registerLink } from "@/lib/links/register-link";
import { runVerification as verifyOnce } from "@/lib/links/verify-link";
import { RESOURCE_CHECK_NAMES, type LinkCheck } from "@/lib/links/schemas";
import { systemCtx } from "@/lib/context";
import { reconcileLinks as reconcileOnce } from "@/lib/links/reconcile-links";
import { clientsOf, CUSTOMER_A, CUSTOMER_B, CUSTOMER_C, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { adminCtx, createOrganization, jobCtx, proveAccount, withLinkEngine } from "../fixtures/app";
import { createCustomerResource } from "../fixtures/customer";
import { asJob, asQueuedJob, reconcileUntilMoved } from "../fixtures/jobs";
import { until } from "../until";
import { startCountingProxy } from "../../bench/reconcile/counting-proxy";

/**
 * Links of kind resource: no load balancer, a resource configuration the customer shares with our account through RAM.
 * The customer's side is played through the real vpc-lattice and RAM clients against the sandbox.
 */

const runDeletion = asJob(deleteOnce);
const reconcileLinks = asJob(reconcileOnce);

const { engine, sandbox } = withLinkEngine();

const linkOf = (id: string) => engine().db.link.findUniqueOrThrow({ where: { id } });
const checksOf = async (id: string) => (await linkOf(id)).checks as LinkCheck[];

const verify = asQueuedJob(verifyOnce);
const provision = asQueuedJob(provisionOnce);
const runVerification = (linkId: string) => verify({ ctx: jobCtx(engine()), input: { linkId } });
const runProvisioning = (linkId: string) => provision({ ctx: jobCtx(engine()), input: { linkId } });

async function pendingInvitations(shareArn: string) {
  const { resourceShareInvitations } = await clientsOf(sandbox(), VENDOR).ram.send(new GetResourceShareInvitationsCommand({ resourceShareArns: [shareArn] }));
  return resourceShareInvitations!.filter((i) => i.status === "PENDING").length;
}

/** A proved organization's resource link, verified, provisioned and available. */
async function availableLink(
  ctx: Awaited<ReturnType<typeof createOrganization>>["ctx"],
  resource: Awaited<ReturnType<typeof createCustomerResource>>,
  name: string,
) {
  const link = await registerLink({ ctx, input: { kind: "resource", name, resourceConfigurationArn: resource.arn, region: "us-east-1" } });
  await runVerification(link.id);
  await runProvisioning(link.id);
  await reconcileUntilMoved(engine(), link.id);
  return linkOf(link.id);
}

describe("resource links", () => {
  it("refuses an unproved owner without accepting its share, then verifies, provisions and reaches available with the association's DNS name", async () => {
    const a = await createOrganization({ approvalMode: "automatic" });
    const outsider = await createOrganization({ approvalMode: "automatic" });
    const resource = await createCustomerResource(sandbox(), CUSTOMER_A, { name: "orders", shareWith: VENDOR.accountId });

    // Another organization names the configuration first: its owner is not an account that organization proved.
    const named = await registerLink({
      ctx: outsider.ctx,
      input: { kind: "resource", name: "not-mine", resourceConfigurationArn: resource.arn, resourceShareArn: resource.shareArn, region: "us-east-1" },
    });
    expect(named).toMatchObject({ kind: "resource", resourceConfigurationArn: resource.arn, resourceShareArn: resource.shareArn, state: "verifying" });
    await runVerification(named.id);
    expect(await linkOf(named.id)).toMatchObject({
      state: "verification_failed",
      lastErrorCode: "owner_declared",
      serviceOwnerAccountId: CUSTOMER_A.accountId,
    });
    const owner = (await checksOf(named.id)).find((c) => c.name === "owner_declared")!;
    expect(owner.detail).toContain(`resource configuration belongs to AWS account ${CUSTOMER_A.accountId}`);
    expect((await checksOf(named.id)).find((c) => c.name === "resource_share")?.status).toBe("skipped");
    expect(await pendingInvitations(resource.shareArn)).toBe(1); // nothing was accepted for it

    expect((await proveAccount(engine(), sandbox(), CUSTOMER_A, a.ctx)).proof).toBe("proved");
    const link = await registerLink({
      ctx: a.ctx,
      input: { kind: "resource", name: "orders-db", resourceConfigurationArn: resource.arn, region: "us-east-1" },
    });
    await runVerification(link.id);
    const verified = await linkOf(link.id);
    expect(verified.state).toBe("provisioning");
    const checks = await checksOf(link.id);
    expect(checks.map((c) => c.name)).toEqual([...RESOURCE_CHECK_NAMES]);
    expect(checks.filter((c) => c.status !== "pass")).toEqual([]);
    expect(checks.find((c) => c.name === "resource_share")!.detail).toContain(`Accepted the invitation to ${resource.shareArn}`);
    expect(await pendingInvitations(resource.shareArn)).toBe(0);

    // No acceptance step: provisioning holds the endpoint until AWS makes it available.
    await runProvisioning(link.id);
    const provisioned = await linkOf(link.id);
    expect(provisioned.endpointId).toMatch(/^vpce-[0-9a-f]{17}$/);
    await runProvisioning(link.id); // a repeated job makes no second endpoint
    const available = provisioned.state === "available" ? provisioned : await reconcileUntilMoved(engine(), link.id);
    expect(available).toMatchObject({ state: "available", endpointId: provisioned.endpointId });
    const names = (available.dnsNames as { regional: string[] }).regional;
    expect(names).toEqual([
      expect.stringMatching(new RegExp(`^${provisioned.endpointId}\\.rcfg-[0-9a-z]{17}\\.[0-9a-f]{7}\\.vpc-lattice-rsc\\.us-east-1\\.on\\.aws$`)),
    ]);
    const events = await engine().db.linkEvent.findMany({ where: { linkId: link.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.toState)).not.toContain("pending_acceptance");

    // One list for both kinds, filtered by kind when asked.
    await registerLink({
      ctx: a.ctx,
      input: { name: "a-service", serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", region: "us-east-1" },
    });
    const byKind = async (kind?: "service" | "resource") => (await listLinks({ ctx: a.ctx, input: { limit: 25, kind } })).data.map((l) => l.name).sort();
    expect(await byKind()).toEqual(["a-service", "orders-db"]);
    expect(await byKind("resource")).toEqual(["orders-db"]);
    expect(await byKind("service")).toEqual(["a-service"]);
    const admin = await listLinksForAdmin({ ctx: adminCtx(engine()), input: { limit: 100, kind: "resource", organizationId: a.org.id } });
    expect(admin.data.map((l) => [l.name, l.kind])).toEqual([["orders-db", "resource"]]);

    // One configuration, one organization: the same organization cannot register it twice either.
    await expect(
      registerLink({ ctx: a.ctx, input: { kind: "resource", name: "again", resourceConfigurationArn: resource.arn, region: "us-east-1" } }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("resource configuration is already connected") });

    await deleteLink({ ctx: a.ctx, input: { linkId: link.id } });
    await runDeletion({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    const gone = await until(
      () => reconcileLinks({ ctx: jobCtx(engine()) }).then(() => linkOf(link.id)),
      (l) => l.state === "deleted",
    );
    expect(gone.state).toBe("deleted");
  });

  it("refuses a configuration in another region than the link's, naming the field", async () => {
    const { ctx } = await createOrganization();
    const arn = `arn:aws:vpc-lattice:eu-west-1:${CUSTOMER_A.accountId}:resourceconfiguration/rcfg-0123456789abcdef0`;
    await expect(
      registerLink({ ctx, input: { kind: "resource", name: "elsewhere", resourceConfigurationArn: arn, region: "us-east-1" } }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      invalidParams: [{ name: "resourceConfigurationArn", reason: expect.stringContaining("register the link in eu-west-1") }],
    });
    expect(await engine().db.link.count({ where: { serviceName: arn } })).toBe(0);
  });

  it("refuses a resource link on a plan without resource endpoints, saying which plans have them", async () => {
    const { ctx } = await createOrganization({ plan: "team" });
    const arn = `arn:aws:vpc-lattice:us-east-1:${CUSTOMER_A.accountId}:resourceconfiguration/rcfg-0123456789abcdef0`;
    await expect(registerLink({ ctx, input: { kind: "resource", name: "no-plan", resourceConfigurationArn: arn, region: "us-east-1" } })).rejects.toMatchObject(
      {
        code: "plan_not_eligible",
        message: "The Team plan does not include resource endpoints; ask for Enterprise.",
      },
    );
  });

  it("shows the customer deleting the association, the share or the configuration as disconnected, in one DescribeVpcEndpoints and one DescribeVpcEndpointAssociations a pass", async () => {
    const { ctx } = await createOrganization({ approvalMode: "automatic", linkQuota: 10 });
    expect((await proveAccount(engine(), sandbox(), CUSTOMER_B, ctx)).proof).toBe("proved");
    const revocations = {
      association: await createCustomerResource(sandbox(), CUSTOMER_B, { name: "by-association", shareWith: VENDOR.accountId }),
      share: await createCustomerResource(sandbox(), CUSTOMER_B, { name: "by-share", shareWith: VENDOR.accountId }),
      configuration: await createCustomerResource(sandbox(), CUSTOMER_B, { name: "by-configuration", shareWith: VENDOR.accountId }),
    };
    const links = {
      association: await availableLink(ctx, revocations.association, "by-association"),
      share: await availableLink(ctx, revocations.share, "by-share"),
      configuration: await availableLink(ctx, revocations.configuration, "by-configuration"),
    };
    for (const link of Object.values(links)) expect(link.state).toBe("available");

    await revocations.association.deleteAssociation(links.association.endpointId!);
    await revocations.share.deleteShare();
    await revocations.configuration.deleteConfiguration();
    const proxy = await startCountingProxy(sandbox().url, VENDOR.accessKeyId);
    try {
      const counted = { ...engine(), aws: { ...engine().aws, endpoint: proxy.url } };
      await engine().db.link.updateMany({ where: { id: { in: Object.values(links).map((l) => l.id) } }, data: { nextCheckAt: new Date(0) } });
      proxy.reset();
      const report = await reconcileOnce({ ctx: systemCtx(counted, { requestId: "test" }) });
      expect(report.transitions).toBe(3);
      const { byAction } = proxy.reset();
      expect(byAction.DescribeVpcEndpoints).toBeGreaterThanOrEqual(1);
      expect(byAction.DescribeVpcEndpointAssociations).toBe(1);
    } finally {
      await proxy.close();
    }
    expect(await linkOf(links.association.id)).toMatchObject({
      state: "disconnected",
      lastErrorCode: "AssociationDeleted",
      lastError: expect.stringContaining("association with your resource configuration was deleted"),
    });
    expect(await linkOf(links.share.id)).toMatchObject({ state: "disconnected", lastErrorCode: "ResourceConfigurationNotShared" });
    expect(await linkOf(links.configuration.id)).toMatchObject({ state: "disconnected", lastErrorCode: "ResourceConfigurationNotFound" });
    // Two-sided teardown: a disconnected link's endpoint is released later, as for a revoked service link.
    expect((await linkOf(links.share.id)).releaseAt).not.toBeNull();
  });

  it("fails provisioning, with AWS's sentence, when the resource gateway shares no zone with our subnets", async () => {
    const { ctx } = await createOrganization({ approvalMode: "automatic" });
    expect((await proveAccount(engine(), sandbox(), CUSTOMER_C, ctx)).proof).toBe("proved");
    // Customer C's first two subnets are in use1-az4 and use1-az5; our vendor network is in use1-az1 to use1-az3.
    const resource = await createCustomerResource(sandbox(), CUSTOMER_C, { name: "far-zones", shareWith: VENDOR.accountId });
    const link = await registerLink({ ctx, input: { kind: "resource", name: "far-zones", resourceConfigurationArn: resource.arn, region: "us-east-1" } });
    await runVerification(link.id);
    await runProvisioning(link.id);
    expect(await linkOf(link.id)).toMatchObject({
      state: "failed",
      endpointId: null,
      lastErrorCode: "InvalidParameter",
      lastError: expect.stringContaining("shares no availability zone with the subnets"),
    });
  });
});

import { DeleteVpcEndpointsCommand, DescribeVpcEndpointsCommand, ModifyVpcEndpointServicePermissionsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { approveLink } from "@/lib/links/approve-link";
import { denyLink } from "@/lib/links/deny-link";
import { deleteLink, runDeletion as deleteOnce } from "@/lib/links/delete-link";
import { runProvisioning as provisionOnce } from "@/lib/links/provision-link";
import { reconcileLinks as reconcileOnce } from "@/lib/links/reconcile-links";
import { registerLink } from "@/lib/links/register-link";
import { reverifyLink, runVerification as verifyOnce } from "@/lib/links/verify-link";
import { clientsOf, CUSTOMER_A, CUSTOMER_B, CUSTOMER_C, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { adminCtx, createOrganization, jobCtx, principalArnOf, withLinkEngine } from "../fixtures/app";
import { createCustomerService } from "../fixtures/customer";
import { asJob, reconcileUntilMoved } from "../fixtures/jobs";
import { until } from "../until";

// Run as the queue runs them: again while AWS is still propagating a change (the realistic profile).
const runDeletion = asJob(deleteOnce);
const runProvisioning = asJob(provisionOnce);
const reconcileLinks = asJob(reconcileOnce);
const runVerification = asJob(verifyOnce);

const { engine, sandbox } = withLinkEngine();

async function linkOf(id: string) {
  return engine().db.link.findUniqueOrThrow({ where: { id } });
}

async function timeline(id: string) {
  const events = await engine().db.linkEvent.findMany({ where: { linkId: id }, orderBy: { id: "asc" } });
  return events.map((e) => `${e.fromState ?? "-"}>${e.toState}`);
}

async function vendorEndpointsNow(filters: { Name: string; Values: string[] }[]) {
  const { VpcEndpoints } = await clientsOf(sandbox(), VENDOR).ec2.send(new DescribeVpcEndpointsCommand({ Filters: filters }));
  return VpcEndpoints ?? [];
}

/** The vendor's endpoints matching `filters`, once EC2 shows any (a new endpoint and its tags may lag it). */
function vendorEndpoints(filters: { Name: string; Values: string[] }[]) {
  return until(
    () => vendorEndpointsNow(filters),
    (found) => found.length > 0,
  );
}

describe("link lifecycle, as each organization's own principal", () => {
  it("gives each organization its own principal", async () => {
    const a = await createOrganization();
    const b = await createOrganization();
    const [arnA, arnB] = [await principalArnOf(engine(), a.org.id), await principalArnOf(engine(), b.org.id)];
    expect(arnA).toMatch(/^arn:aws:iam::111111111111:role\/privatelink\/.+/);
    expect(arnB).toMatch(/^arn:aws:iam::111111111111:role\/privatelink\/.+/);
    expect(arnA).not.toBe(arnB);
    expect(await principalArnOf(engine(), a.org.id)).toBe(arnA); // stored, not made twice
  });

  it("verifies, provisions, waits for acceptance, becomes available with the endpoint's DNS names, and deletes", async () => {
    const { org, ctx } = await createOrganization({ approvalMode: "automatic" });
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(engine(), org.id)] });

    const link = await registerLink({ ctx, input: { name: "orders-db", serviceName: service.serviceName, region: "us-east-1" } });
    expect(link.state).toBe("verifying");
    await runVerification({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    const verified = await linkOf(link.id);
    expect(verified.state).toBe("provisioning");
    expect((verified.checks as { name: string; status: string }[]).filter((c) => c.status === "fail")).toEqual([]);

    await runProvisioning({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    const provisioned = await linkOf(link.id);
    expect(provisioned.state).toBe("pending_acceptance");
    expect(provisioned.endpointId).toMatch(/^vpce-[0-9a-f]{17}$/);
    await runProvisioning({ ctx: jobCtx(engine()), input: { linkId: link.id } }); // a repeated job changes nothing
    const endpoints = await vendorEndpoints([{ Name: "tag:privatelink-portal:link-id", Values: [link.id] }]);
    expect(endpoints.map((e) => e.VpcEndpointId)).toEqual([provisioned.endpointId]);

    await service.accept(provisioned.endpointId!);
    await reconcileLinks({ ctx: jobCtx(engine()) });
    const available = await linkOf(link.id);
    expect(available.state).toBe("available");
    const [endpoint] = await vendorEndpoints([{ Name: "vpc-endpoint-id", Values: [provisioned.endpointId!] }]);
    const names = available.dnsNames as { regional: string[]; zonal: string[] };
    expect([...names.regional, ...names.zonal].sort()).toEqual((endpoint?.DnsEntries ?? []).map((d) => d.DnsName).sort());
    expect(names.regional).toHaveLength(1);

    await deleteLink({ ctx, input: { linkId: link.id } });
    expect((await linkOf(link.id)).state).toBe("deleting");
    await runDeletion({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    await runDeletion({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    expect((await linkOf(link.id)).state).toBe("deleted");
    const after = await vendorEndpoints([{ Name: "vpc-endpoint-id", Values: [provisioned.endpointId!] }]);
    expect(after.map((e) => String(e.State))).toEqual(["deleted"]);
    expect(await timeline(link.id)).toEqual([
      "->verifying",
      "verifying>provisioning",
      "provisioning>pending_acceptance",
      "pending_acceptance>available",
      "available>deleting",
      "deleting>deleted",
    ]);
    expect(await engine().db.auditLog.count({ where: { targetId: link.id } })).toBe(2); // register, delete
  });

  it("refuses organization B's registration of A's service at verification, creating nothing", async () => {
    const a = await createOrganization();
    const b = await createOrganization();
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(engine(), a.org.id)] });
    const link = await registerLink({ ctx: b.ctx, input: { name: "not-mine", serviceName: service.serviceName, region: "us-east-1" } });
    await runVerification({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    const failed = await linkOf(link.id);
    expect(failed.state).toBe("verification_failed");
    expect(failed.lastErrorCode).toBe("InvalidServiceName");
    expect(failed.lastError).toContain(await principalArnOf(engine(), b.org.id));
    expect(await vendorEndpointsNow([{ Name: "tag:privatelink-portal:link-id", Values: [link.id] }])).toEqual([]);
  });

  it("names the principal to allowlist when the service is not allowlisted, and passes once it is", async () => {
    const { org, ctx } = await createOrganization({ approvalMode: "manual" });
    const service = await createCustomerService(sandbox(), CUSTOMER_B, { principals: [] });
    const link = await registerLink({ ctx, input: { name: "later", serviceName: service.serviceName, region: "us-east-1" } });
    await runVerification({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    const failed = await linkOf(link.id);
    const principal = await principalArnOf(engine(), org.id);
    expect(failed.state).toBe("verification_failed");
    expect(failed.lastError).toBe(`We cannot see this service: allowlist ${principal} on it (Allow principals), and check the name and region.`);

    await service.ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: service.serviceId, AddAllowedPrincipals: [principal] }));
    await reverifyLink({ ctx, input: { linkId: link.id } });
    await runVerification({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    expect((await linkOf(link.id)).state).toBe("pending_approval");

    await expect(denyLink({ ctx, input: { linkId: link.id, reason: "no" } })).rejects.toMatchObject({ code: "forbidden" });
    await approveLink({ ctx: adminCtx(), input: { linkId: link.id } });
    expect((await linkOf(link.id)).state).toBe("provisioning");
    await expect(approveLink({ ctx: adminCtx(), input: { linkId: link.id } })).rejects.toMatchObject({ code: "conflict" });
  });

  it("detects the customer revoking an available link as disconnected", async () => {
    const { org, ctx } = await createOrganization();
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(engine(), org.id)] });
    const link = await registerLink({ ctx, input: { name: "revoked", serviceName: service.serviceName, region: "us-east-1" } });
    await runVerification({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    await runProvisioning({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    const { endpointId } = await linkOf(link.id);
    await service.accept(endpointId!);
    await reconcileLinks({ ctx: jobCtx(engine()) });
    expect((await linkOf(link.id)).state).toBe("available");
    await service.reject(endpointId!);
    await reconcileLinks({ ctx: jobCtx(engine()) });
    const revoked = await linkOf(link.id);
    expect(revoked.state).toBe("disconnected");
    expect(revoked.lastErrorCode).toBe("Rejected");
  });

  it("marks an endpoint deleted outside the portal as lost", async () => {
    const { org, ctx } = await createOrganization();
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(engine(), org.id)], acceptanceRequired: false });
    const link = await registerLink({ ctx, input: { name: "lost", serviceName: service.serviceName, region: "us-east-1" } });
    await runVerification({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    await runProvisioning({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    const { endpointId, state } = await reconcileUntilMoved(engine(), link.id);
    expect(state).toBe("available");
    await clientsOf(sandbox(), VENDOR).ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId!] }));
    await reconcileLinks({ ctx: jobCtx(engine()) });
    const lost = await linkOf(link.id);
    expect(lost.state).toBe("failed");
    expect(lost.lastErrorCode).toBe("EndpointLost");
  });

  it("denies with a reason, and refuses bad registrations without writing anything", async () => {
    const { ctx } = await createOrganization({ approvalMode: "manual", linkQuota: 1 });
    const service = await createCustomerService(sandbox(), CUSTOMER_C, { principals: [] });
    const before = await engine().db.link.count();
    await expect(registerLink({ ctx, input: { name: "x", serviceName: service.serviceName, region: "ap-south-1" } })).rejects.toMatchObject({
      code: "validation_failed",
      invalidParams: [{ name: "region" }],
    });
    const { ctx: freeCtx } = await createOrganization({ plan: "free" });
    await expect(registerLink({ ctx: freeCtx, input: { name: "x", serviceName: service.serviceName, region: "us-east-1" } })).rejects.toMatchObject({
      code: "plan_not_eligible",
    });
    expect(await engine().db.link.count()).toBe(before);

    const link = await registerLink({ ctx, input: { name: "one", serviceName: service.serviceName, region: "us-east-1" } });
    await expect(registerLink({ ctx, input: { name: "two", serviceName: service.serviceName.replace(/.$/, "0"), region: "us-east-1" } })).rejects.toMatchObject(
      {
        code: "quota_exceeded",
      },
    );
    await engine().db.link.update({ where: { id: link.id }, data: { state: "pending_approval" } });
    const denied = await denyLink({ ctx: adminCtx(), input: { linkId: link.id, reason: "not a customer of ours" } });
    expect(denied).toMatchObject({ state: "denied", lastError: { code: "denied", message: "not a customer of ours" } });
    await expect(approveLink({ ctx: adminCtx(), input: { linkId: link.id } })).rejects.toMatchObject({ code: "conflict" });
  });

  it("hides another organization's link as not found", async () => {
    const a = await createOrganization();
    const b = await createOrganization();
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [] });
    const link = await registerLink({ ctx: a.ctx, input: { name: "private", serviceName: service.serviceName, region: "us-east-1" } });
    await expect(deleteLink({ ctx: b.ctx, input: { linkId: link.id } })).rejects.toMatchObject({ code: "not_found" });
    expect((await linkOf(link.id)).state).toBe("verifying");
  });
});

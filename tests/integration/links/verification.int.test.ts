import { ModifyVpcEndpointServiceConfigurationCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import type { LinkCheck } from "@/lib/links/schemas";
import { registerLink } from "@/lib/links/register-link";
import { runProvisioning } from "@/lib/links/provision-link";
import { reverifyLink, runVerification } from "@/lib/links/verify-link";
import { CUSTOMER_A, CUSTOMER_B, CUSTOMER_C } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganization, jobCtx, principalArnOf, proveAccount, withLinkEngine } from "../fixtures/app";
import { createCustomerService } from "../fixtures/customer";

const { engine, sandbox } = withLinkEngine();

async function verify(ctx: Parameters<typeof registerLink>[0]["ctx"], input: Parameters<typeof registerLink>[0]["input"]) {
  const link = await registerLink({ ctx, input: input });
  await runVerification({ ctx: jobCtx(engine()), input: { linkId: link.id } });
  return engine().db.link.findUniqueOrThrow({ where: { id: link.id } });
}

describe("preflight verification against the sandbox", () => {
  it("names our AZ IDs when the customer's NLB shares no Availability Zone with us", async () => {
    const { org, ctx } = await createOrganization();
    // In us-east-1, customer C's load balancer sits in zones the vendor has no subnet in.
    const service = await createCustomerService(sandbox(), CUSTOMER_C, { principals: [await principalArnOf(engine(), org.id)] });
    const link = await verify(ctx, { name: "far", serviceName: service.serviceName, region: "us-east-1" });
    expect(link.state).toBe("verification_failed");
    expect(link.lastErrorCode).toBe("az_overlap");
    const region = await engine().db.vendorRegion.findUniqueOrThrow({ where: { region: "us-east-1" } });
    for (const { availabilityZoneId } of region.subnets as { availabilityZoneId: string }[]) expect(link.lastError).toContain(availabilityZoneId);
    const checks = link.checks as LinkCheck[];
    expect(checks.find((c) => c.name === "service_visible")?.status).toBe("pass");
  });

  it("connects cross-region when our region may reach the service's region", async () => {
    const { org, ctx } = await createOrganization();
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(engine(), org.id)], region: "us-west-2" });
    await service.ec2.send(new ModifyVpcEndpointServiceConfigurationCommand({ ServiceId: service.serviceId, AddSupportedRegions: ["us-east-1"] }));
    const link = await verify(ctx, { name: "west", serviceName: service.serviceName, region: "us-east-1" });
    expect(link.serviceRegion).toBe("us-west-2");
    expect(link.state).toBe("provisioning");
    await runProvisioning({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    expect((await engine().db.link.findUniqueOrThrow({ where: { id: link.id } })).state).toBe("pending_acceptance");

    // eu-west-1 offers no cross-region reach to us-west-2.
    const refused = await verify(ctx, { name: "west-from-eu", serviceName: service.serviceName, region: "eu-west-1" });
    expect(refused.state).toBe("verification_failed");
    expect(refused.lastErrorCode).toBe("region_offered");
  });

  it("in shared-principal mode, requires acceptance and an owner account the organization proved", async () => {
    const shared = { ...engine(), principals: { ...engine().principals, mode: "shared" as const, sharedPrincipalArn: "arn:aws:iam::111111111111:root" } };
    const { ctx } = await createOrganization();
    const open = await createCustomerService(sandbox(), CUSTOMER_B, { principals: ["arn:aws:iam::111111111111:root"], acceptanceRequired: false });
    const first = await registerLink({ ctx: { ...ctx, engine: shared }, input: { name: "open", serviceName: open.serviceName, region: "us-east-1" } });
    await runVerification({ ctx: jobCtx(shared), input: { linkId: first.id } });
    const failed = await shared.db.link.findUniqueOrThrow({ where: { id: first.id } });
    expect(failed.state).toBe("verification_failed");
    expect(failed.lastErrorCode).toBe("acceptance_required");

    const guarded = await createCustomerService(sandbox(), CUSTOMER_B, { principals: ["arn:aws:iam::111111111111:root"] });
    const second = await registerLink({ ctx: { ...ctx, engine: shared }, input: { name: "unproved", serviceName: guarded.serviceName, region: "us-east-1" } });
    await runVerification({ ctx: jobCtx(shared), input: { linkId: second.id } });
    expect(await shared.db.link.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      lastErrorCode: "owner_declared",
      allowlistScope: "account",
      ownerProof: "undeclared",
    });

    expect((await proveAccount(shared, sandbox(), CUSTOMER_B, ctx)).proof).toBe("proved");
    await reverifyLink({ ctx: { ...ctx, engine: shared }, input: { linkId: second.id } });
    await runVerification({ ctx: jobCtx(shared), input: { linkId: second.id } });
    expect(await shared.db.link.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      state: "provisioning",
      serviceOwnerAccountId: CUSTOMER_B.accountId,
      ownerProof: "proved",
    });
  });
});

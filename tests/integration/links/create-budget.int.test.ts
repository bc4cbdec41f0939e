import { describe, expect, it } from "vitest";
import { ec2Client } from "@/lib/aws/config";
import { createEndpoint } from "@/lib/aws/ec2";
import { TAG_LINK_ID, TAG_ORGANIZATION_ID } from "@/lib/aws/tags";
import { describeServiceAs, subnetsFor } from "@/lib/links/aws";
import { ensureOrganizationPrincipal } from "@/lib/orgs/principal";
import { runProvisioning } from "@/lib/links/provision-link";
import { registerLink } from "@/lib/links/register-link";
import { runVerification } from "@/lib/links/verify-link";
import { CUSTOMER_A } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganization, jobCtx, principalArnOf, withLinkEngine } from "../fixtures/app";
import { createCustomerService } from "../fixtures/customer";

/**
 * EC2's create budget is spent on creates only: the token is taken right before
 * CreateVpcEndpoint, so an adoption (the endpoint already exists) or a refusal found on the way
 * costs none, and creates reach EC2 spaced at the budget.
 */

const { engine, sandbox } = withLinkEngine();

async function provisioningLinks(count: number) {
  const { org, ctx } = await createOrganization({ approvalMode: "automatic" });
  const principal = await principalArnOf(engine(), org.id);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [principal] });
    const link = await registerLink({ ctx, input: { name: `budget-${i}`, serviceName: service.serviceName, region: "us-east-1" } });
    await runVerification({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    ids.push(link.id);
  }
  return ids;
}

describe("the create budget", () => {
  it("is spent right before CreateVpcEndpoint: an adoption takes no token", async () => {
    // One token, and (for this test's length) no refill.
    const stingy = { ...engine(), budgets: { ...engine().budgets, create: { burst: 1, refillPerSecond: 0.000_01 } } };
    const [adopted, created, waiting] = await provisioningLinks(3);

    // A worker made the first link's endpoint (as the organization's role, with the link's tags) and died before recording it.
    const link = await engine().db.link.findUniqueOrThrow({ where: { id: adopted! }, include: { organization: true } });
    const region = await engine().db.vendorRegion.findUniqueOrThrow({ where: { region: "us-east-1" } });
    const principal = await ensureOrganizationPrincipal(engine(), link.organization);
    const service = await describeServiceAs(engine(), link, principal.credentials, principal.arn);
    if ("failure" in service) throw new Error(service.failure.message);
    await createEndpoint(ec2Client(engine().aws, "us-east-1", principal.credentials), {
      vpcId: region.vpcId,
      serviceName: link.serviceName,
      subnetIds: subnetsFor(region, service.availabilityZoneIds),
      securityGroupIds: [],
      clientToken: `earlier-${link.id}`,
      tags: { [TAG_LINK_ID]: link.id, [TAG_ORGANIZATION_ID]: link.organizationId },
    });

    expect(await runProvisioning({ ctx: jobCtx(stingy), input: { linkId: adopted! } })).toBeUndefined();
    expect(await runProvisioning({ ctx: jobCtx(stingy), input: { linkId: created! } })).toBeUndefined();
    expect(await runProvisioning({ ctx: jobCtx(stingy), input: { linkId: waiting! } })).toMatchObject({ retryAfterMs: expect.any(Number) });

    const states = await engine().db.link.findMany({ where: { id: { in: [adopted!, created!, waiting!] } }, select: { id: true, state: true } });
    expect(Object.fromEntries(states.map((l) => [l.id, l.state]))).toEqual({
      [adopted!]: "pending_acceptance",
      [created!]: "pending_acceptance",
      [waiting!]: "provisioning",
    });
  });
});

import { DescribeSubnetsCommand, DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import type { LinkCheck } from "@/lib/links/schemas";
import { registerLink } from "@/lib/links/register-link";
import { runEndpointDetails } from "@/lib/links/endpoint-details";
import { runProvisioning } from "@/lib/links/provision-link";
import { reconcileLinks } from "@/lib/links/reconcile-links";
import { runVerification } from "@/lib/links/verify-link";
import { clientsOf, CUSTOMER_A, CUSTOMER_B, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganization, jobCtx, principalArnOf, withLinkEngine } from "../fixtures/app";
import { createAdminKey } from "../fixtures/callers";
import { createCustomerService } from "../fixtures/customer";
import { call, HANDLERS } from "../api/api-helpers";
import { expectDocumented } from "../api/openapi-check";

/**
 * The vendor excludes use1-az3 in us-east-1, where its subnets are in use1-az1, az2 and az3. Customer A's load balancer
 * is in use1-az2 and az3, customer B's in use1-az3 and az4 (the sandbox's seed).
 */
const { engine, sandbox } = withLinkEngine();
const EXCLUDED = "use1-az3";

beforeAll(async () => {
  await engine().db.vendorRegion.update({ where: { region: "us-east-1" }, data: { excludedAzIds: [EXCLUDED] } });
});

async function registerAndVerify(customer: typeof CUSTOMER_A, name: string) {
  const { org, ctx } = await createOrganization();
  const service = await createCustomerService(sandbox(), customer, { principals: [await principalArnOf(engine(), org.id)] });
  const link = await registerLink({ ctx, input: { name, serviceName: service.serviceName, region: "us-east-1" } });
  await runVerification({ ctx: jobCtx(engine()), input: { linkId: link.id } });
  return engine().db.link.findUniqueOrThrow({ where: { id: link.id } });
}

describe("a zone the vendor excludes", () => {
  it("never gets a subnet of our endpoint, though the service is there too", async () => {
    const verified = await registerAndVerify(CUSTOMER_A, "half-excluded");
    expect(verified.state).toBe("provisioning");
    expect((verified.checks as LinkCheck[]).find((c) => c.name === "az_overlap")).toMatchObject({
      status: "warn",
      detail: expect.stringContaining(`${EXCLUDED} is shared too, but we do not use it`),
    });

    await runProvisioning({ ctx: jobCtx(engine()), input: { linkId: verified.id } });
    const { endpointId } = await engine().db.link.findUniqueOrThrow({ where: { id: verified.id } });
    const { ec2 } = clientsOf(sandbox(), VENDOR);
    const [endpoint] = (await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpointId!] }))).VpcEndpoints ?? [];
    const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: endpoint?.SubnetIds }));
    expect(Subnets.map((s) => s.AvailabilityZoneId)).toEqual(["use1-az2"]);
  });

  it("fails verification when it is the only zone the service shares with us", async () => {
    const link = await registerAndVerify(CUSTOMER_B, "only-excluded");
    expect(link).toMatchObject({ state: "verification_failed", lastErrorCode: "az_overlap" });
    expect(link.lastError).toBe(
      `Your service shares only ${EXCLUDED} with us, a zone we do not use in us-east-1; add a zone among use1-az1, use1-az2 (Availability Zone IDs, the same in every account).`,
    );
  });

  it("is listed for the admin when excluded after a link's endpoint got there, and the link is left as it is", async () => {
    await engine().db.vendorRegion.update({ where: { region: "us-east-1" }, data: { excludedAzIds: [] } });
    const { org, ctx } = await createOrganization({ approvalMode: "automatic" });
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(engine(), org.id)] });
    const { id } = await registerLink({ ctx, input: { name: "there-first", serviceName: service.serviceName, region: "us-east-1" } });
    await runVerification({ ctx: jobCtx(engine()), input: { linkId: id } });
    await runProvisioning({ ctx: jobCtx(engine()), input: { linkId: id } });
    const { endpointId } = await engine().db.link.findUniqueOrThrow({ where: { id } });
    await service.accept(endpointId!);
    await reconcileLinks({ ctx: jobCtx(engine()) });
    await runEndpointDetails({ ctx: jobCtx(engine()), input: { linkId: id } });

    const response = await call(HANDLERS.saveRegion!, {
      method: "PATCH",
      path: "/api/v1/admin/regions/us-east-1",
      params: { region: "us-east-1" },
      body: { excludedAzIds: [EXCLUDED] },
      caller: { key: await createAdminKey() },
    });
    const saved = (await expectDocumented("saveRegion", response)) as { linksInExcludedZones: unknown[] };
    expect(response.status).toBe(200);
    expect(saved.linksInExcludedZones).toEqual([{ id, name: "there-first", organizationId: org.id, azIds: [EXCLUDED] }]);
    expect(await engine().db.link.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "available", endpointId });
  });
});

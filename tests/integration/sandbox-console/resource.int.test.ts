import { AcceptResourceShareInvitationCommand, GetResourceShareInvitationsCommand } from "@aws-sdk/client-ram";
import { beforeAll, describe, expect, it } from "vitest";
import * as resourcesRoute from "@/app/api/sandbox/resources/route";
import { RESOURCE_CONFIGURATION_ARN_PATTERN, RESOURCE_SHARE_ARN_PATTERN } from "@/lib/links/schemas";
import { createSandboxResource, readSandboxConsole } from "@/lib/sandbox-console/console";
import type { SandboxConsoleView } from "@/lib/sandbox-console/schemas";
import { clientsOf, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { call, type RouteModule } from "../api/api-helpers";
import { createOrganization, withLinkEngine } from "../fixtures/app";
import { createUser } from "../fixtures/callers";

/**
 * The console's side of a link without a load balancer: a resource gateway, a resource configuration and its RAM share with
 * the vendor's account, read back as AWS holds them, the share's invitation pending until the vendor accepts it.
 */

const { engine, sandbox } = withLinkEngine();
const scope = { region: "us-east-1" };

describe("the sandbox console's resource configurations", () => {
  let ctx: Awaited<ReturnType<typeof createOrganization>>["ctx"];
  let organizationId: string;
  let view: SandboxConsoleView;

  beforeAll(async () => {
    const created = await createOrganization();
    ctx = { ...created.ctx, engine: engine() };
    organizationId = created.org.id;
    view = await readSandboxConsole({ ctx, input: scope });
  });

  it("shares an RDS database's configuration with the vendor's account, shown accepted once the vendor takes the invitation", async () => {
    expect(view.vendorAccountId).toBe(VENDOR.accountId);
    expect(view.vpcCidr).toMatch(/^10\.\d+\.0\.0\/16$/);
    expect(view.resources).toEqual([]);
    const rdsArn = `arn:aws:rds:us-east-1:${view.accountId}:db:orders`;
    const made = await createSandboxResource({ ctx, input: { ...scope, name: "orders-db", resource: { type: "rds", rdsArn }, shareWithVendor: true } });
    expect(made).toMatchObject({ name: "orders-db", type: "ARN", resource: rdsArn, gatewayId: expect.stringMatching(/^rgw-/) });
    expect(made.configurationArn).toMatch(RESOURCE_CONFIGURATION_ARN_PATTERN);
    expect(made.configurationArn).toContain(`:${view.accountId}:`);
    expect(made.shares).toEqual([{ shareArn: expect.stringMatching(RESOURCE_SHARE_ARN_PATTERN), principal: VENDOR.accountId, status: "ASSOCIATING" }]);

    const vendor = clientsOf(sandbox(), VENDOR);
    const { resourceShareInvitations = [] } = await vendor.ram.send(new GetResourceShareInvitationsCommand({ resourceShareArns: [made.shares[0]!.shareArn] }));
    await vendor.ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: resourceShareInvitations[0]!.resourceShareInvitationArn }));
    const after = await readSandboxConsole({ ctx, input: scope });
    expect(after.resources.find((r) => r.configurationArn === made.configurationArn)?.shares[0]?.status).toBe("ASSOCIATED");
  });

  it("makes an IP address's configuration on its port, unshared when asked, and passes on AWS's refusal of an address outside the VPC", async () => {
    const ipAddress = view.vpcCidr!.replace(/0\/16$/, "25");
    const made = await createSandboxResource({
      ctx,
      input: { ...scope, name: "orders-ip", resource: { type: "ip", ipAddress, port: 5432 }, shareWithVendor: false },
    });
    expect(made).toMatchObject({ type: "SINGLE", resource: ipAddress, portRanges: ["5432"], shares: [] });
    await expect(
      createSandboxResource({
        ctx,
        input: { ...scope, name: "outside", resource: { type: "ip", ipAddress: "192.0.2.10", port: 5432 }, shareWithVendor: false },
      }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/^AWS refused: .*not in the resource gateway's VPC/) });
  });

  it("is a member's route, checked with the same schema", async () => {
    const member = await createUser({ organizationId, role: "member" });
    const post = (body: unknown) =>
      call((resourcesRoute as unknown as RouteModule).POST, { method: "POST", path: "/api/sandbox/resources", caller: member, body });
    const refused = await post({ ...scope, name: "rgw-taken", resource: { type: "rds", rdsArn: "arn:aws:rds:us-east-1:1:db:x" } });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name).sort()).toEqual(["name", "resource.rdsArn"]);
    const made = await post({ ...scope, name: "orders-api", resource: { type: "ip", ipAddress: view.vpcCidr!.replace(/0\/16$/, "26"), port: 443 } });
    expect(made.status).toBe(201);
    expect(await made.json()).toMatchObject({ name: "orders-api", shares: [{ principal: VENDOR.accountId, status: "ASSOCIATING" }] });
  });
});

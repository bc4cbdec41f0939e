import { CreateResourceShareCommand } from "@aws-sdk/client-ram";
import { CreateResourceConfigurationCommand, CreateResourceGatewayCommand } from "@aws-sdk/client-vpc-lattice";
import { DescribeSubnetsCommand } from "@aws-sdk/client-ec2";
import { afterAll, describe, expect, it } from "vitest";
import { runProbe } from "@/lib/links/probes/probe-link";
import { runProvisioning } from "@/lib/links/provision-link";
import { getLink } from "@/lib/links/read-links";
import { registerLink } from "@/lib/links/register-link";
import { runVerification } from "@/lib/links/verify-link";
import { clientsOf, CUSTOMER_A, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganization, jobCtx, proveAccount, withLinkEngine } from "../fixtures/app";
import { asQueuedJob, reconcileUntilMoved } from "../fixtures/jobs";
import { startTcp, type Closable } from "./probes-fixtures";

/**
 * A resource link carries bytes: the customer's resource (a sandbox instance in its VPC, answering on a loopback server)
 * behind a resource gateway and a SINGLE configuration, the product's Resource endpoint, and the connectivity probe
 * through the association's DNS name, resolved by the sandbox's resolver.
 */
const PORT = 5432;
const { engine, sandbox } = withLinkEngine({ sandbox: { dataPlane: { ports: [PORT] } } });
const servers: Closable[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

describe("probing a resource link", () => {
  it("reaches the customer's resource through the association's name on the configuration's port", async () => {
    const server = await startTcp("127.0.0.1", 0);
    servers.push(server);
    const customer = clientsOf(sandbox(), CUSTOMER_A);
    const subnets = ((await customer.ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? []).sort((a, b) =>
      a.AvailabilityZoneId!.localeCompare(b.AvailabilityZoneId!),
    );
    const instance = sandbox().addInstance({ accountId: CUSTOMER_A.accountId, subnetId: subnets[0]!.SubnetId!, ports: { [PORT]: server.port } });
    const gateway = await customer.lattice.send(
      new CreateResourceGatewayCommand({ name: "probed-gateway", vpcIdentifier: subnets[0]!.VpcId!, subnetIds: subnets.slice(0, 2).map((s) => s.SubnetId!) }),
    );
    const { arn } = await customer.lattice.send(
      new CreateResourceConfigurationCommand({
        name: "probed-db",
        type: "SINGLE",
        resourceGatewayIdentifier: gateway.id!,
        portRanges: [String(PORT)],
        resourceConfigurationDefinition: { ipResource: { ipAddress: instance.privateIp } },
      }),
    );
    await customer.ram.send(new CreateResourceShareCommand({ name: "probed-share", resourceArns: [arn!], principals: [VENDOR.accountId] }));

    const { ctx } = await createOrganization({ approvalMode: "automatic" });
    await proveAccount(engine(), sandbox(), CUSTOMER_A, ctx);
    const link = await registerLink({
      ctx,
      input: { kind: "resource", name: "probed-db", resourceConfigurationArn: arn!, region: "us-east-1", ports: [PORT] },
    });
    await asQueuedJob(runVerification)({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    await asQueuedJob(runProvisioning)({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    expect(await reconcileUntilMoved(engine(), link.id)).toMatchObject({ state: "available" });

    const probing = {
      ...engine(),
      overrides: { ...engine().overrides, probes: { enabled: true, resolver: `${sandbox().dns!.host}:${sandbox().dns!.port}`, timeoutMs: 2000 } },
    };
    await runProbe({ ctx: jobCtx(probing), input: { linkId: link.id, trigger: "manual" } });
    const { connectivity } = await getLink({ ctx: { ...ctx, engine: probing }, input: { linkId: link.id } });
    expect(connectivity.status).toBe("ok");
    expect(connectivity.targets.map((t) => t.name)).toEqual([expect.stringMatching(/\.vpc-lattice-rsc\.us-east-1\.on\.aws$/)]);
    expect(connectivity.targets[0]!.ports).toEqual([expect.objectContaining({ port: PORT, result: "ok" })]);
  });
});

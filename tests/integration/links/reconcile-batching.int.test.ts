import { randomUUID } from "node:crypto";
import { CreateVpcEndpointCommand, DeleteVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEndpointService } from "@/lib/aws/ec2";
import { TAG_LINK_ID } from "@/lib/aws/tags";
import { systemCtx } from "@/lib/context";
import type { Engine } from "@/lib/engine";
import { subnetsFor } from "@/lib/links/aws";
import { POLL } from "@/lib/links/persist";
import { reconcileLinks } from "@/lib/links/reconcile-links";
import { createOrganization, withLinkEngine } from "../fixtures/app";
import { createCustomerService } from "../fixtures/customer";
import { startCountingProxy, type CountingProxy } from "../../bench/reconcile/counting-proxy";
import { clientsOf, CUSTOMER_A, VENDOR } from "@privatelink-portal/sandbox-aws/testing";

/**
 * The reconciler's AWS bill: a full pass over N links costs ceil(N / 1000) DescribeVpcEndpoints
 * per region (a sweep by the link tag), a pass over a few links costs ceil(few / 200) (by ids),
 * and what it sees (revocations, endpoints deleted outside the portal) is the same either way.
 * Its listing of orphans (tagged endpoints no live link claims) rides on a sweep, and costs a
 * region it does not sweep one sweep per settled-link cadence. Counted on the wire, through a
 * proxy in front of the sandbox.
 */

const { engine, sandbox } = withLinkEngine();
const LINKS = 260; // more than 200 ids: by ids, 2 calls; by sweep, 1.
let proxy: CountingProxy;
let counted: Engine;

beforeAll(async () => {
  proxy = await startCountingProxy(sandbox().url, VENDOR.accessKeyId);
  counted = { ...engine(), aws: { ...engine().aws, endpoint: proxy.url } };
});
afterAll(async () => {
  POLL.slowMs = 0;
  await proxy.close();
});

async function seed() {
  const { org } = await createOrganization({ linkQuota: 1_000 });
  const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [`arn:aws:iam::${VENDOR.accountId}:root`], acceptanceRequired: true });
  const region = await engine().db.vendorRegion.findUniqueOrThrow({ where: { region: "us-east-1" } });
  const vendor = clientsOf(sandbox(), VENDOR).ec2;
  const subnets = subnetsFor(region, (await describeEndpointService(vendor, service.serviceName)).availabilityZoneIds ?? null);
  const links = [];
  for (let i = 0; i < LINKS; i++) {
    const id = randomUUID();
    const { VpcEndpoint } = await vendor.send(
      new CreateVpcEndpointCommand({
        VpcEndpointType: "Interface",
        VpcId: region.vpcId,
        ServiceName: service.serviceName,
        SubnetIds: subnets,
        TagSpecifications: [{ ResourceType: "vpc-endpoint", Tags: [{ Key: TAG_LINK_ID, Value: id }] }],
      }),
    );
    links.push({ id, endpointId: VpcEndpoint!.VpcEndpointId! });
  }
  await Promise.all(links.map((l) => service.accept(l.endpointId)));
  await engine().db.link.createMany({
    data: links.map((l, i) => ({
      id: l.id,
      organizationId: org.id,
      name: `seeded-${i}`,
      serviceName: service.serviceName,
      serviceRegion: "us-east-1",
      region: "us-east-1",
      ports: [5432],
      state: "available" as const,
      // Settled an hour ago: past EC2's consistency window, so an endpoint AWS no longer shows is lost, not still appearing.
      stateChangedAt: new Date(Date.now() - 3_600_000),
      endpointId: l.endpointId,
      nextCheckAt: new Date(),
    })),
  });
  // One more, tagged with a link no row knows (a restored backup's gap): an orphan.
  const { VpcEndpoint: orphan } = await vendor.send(
    new CreateVpcEndpointCommand({
      VpcEndpointType: "Interface",
      VpcId: region.vpcId,
      ServiceName: service.serviceName,
      SubnetIds: subnets,
      TagSpecifications: [{ ResourceType: "vpc-endpoint", Tags: [{ Key: TAG_LINK_ID, Value: randomUUID() }] }],
    }),
  );
  return { links, service, vendor, org, orphanId: orphan!.VpcEndpointId! };
}

describe("the reconciler's describe calls", () => {
  it("sweeps a full pass in ceil(N / 1000) calls, sees a revocation and a lost endpoint, and settles the rest in bulk", async () => {
    const { links, service, vendor, org, orphanId } = await seed();
    await service.reject(links[0]!.endpointId); // the customer revokes an accepted connection
    await vendor.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [links[1]!.endpointId] })); // deleted outside the portal
    POLL.slowMs = 60_000;

    proxy.reset();
    const report = await reconcileLinks({ ctx: systemCtx(counted, { requestId: "test" }) });
    const calls = proxy.reset();
    expect(report).toMatchObject({ due: LINKS, regions: 1, swept: 1, transitions: 2, orphans: 1 });
    // us-east-1's sweep serves its links and its orphans; eu-west-1, with no link due, is listed for orphans once.
    expect(calls.byAction).toEqual({ DescribeVpcEndpoints: 2 });
    const orphan = await engine().db.orphanEndpoint.findUniqueOrThrow({ where: { endpointId: orphanId } });
    expect(orphan).toMatchObject({ region: "us-east-1", serviceName: service.serviceName, settledAt: null });
    expect(orphan.azIds.length).toBeGreaterThan(0);

    const byId = new Map((await engine().db.link.findMany({ where: { id: { in: links.map((l) => l.id) } } })).map((l) => [l.id, l]));
    expect(byId.get(links[0]!.id)).toMatchObject({ state: "disconnected", lastErrorCode: "Rejected" });
    expect(byId.get(links[1]!.id)).toMatchObject({ state: "failed", lastErrorCode: "EndpointLost" });
    const later = Date.now() + 30_000;
    const settled = [...byId.values()].filter((l) => l.state === "available");
    expect(settled).toHaveLength(LINKS - 2);
    expect(settled.filter((l) => l.nextCheckAt!.getTime() < later)).toEqual([]);

    // Nothing due, and every region listed for orphans within the cadence: nothing asked.
    expect(await reconcileLinks({ ctx: systemCtx(counted, { requestId: "test" }) })).toMatchObject({ due: 0, orphans: 0 });
    expect(proxy.reset().total).toBe(0);

    // A few links due (here: three in transition): by ids, one call.
    const few = links.slice(2, 5).map((l) => l.id);
    await engine().db.link.updateMany({ where: { id: { in: few } }, data: { state: "pending_acceptance", nextCheckAt: new Date() } });
    const small = await reconcileLinks({ ctx: systemCtx(counted, { requestId: "test" }) });
    expect(small).toMatchObject({ due: 3, swept: 0, transitions: 3, orphans: 0 });
    expect(proxy.reset().byAction).toEqual({ DescribeVpcEndpoints: 1 });

    // Two links naming one endpoint (a copied row): both are looked at.
    const twin = { ...links[5]!, id: randomUUID() };
    await engine().db.link.create({
      data: {
        ...twin,
        organizationId: org.id,
        name: "twin",
        serviceName: service.serviceName,
        serviceRegion: "us-east-1",
        region: "us-east-1",
        ports: [5432],
        state: "available",
      },
    });
    await engine().db.link.updateMany({ where: { id: { in: [links[5]!.id, twin.id] } }, data: { state: "pending_acceptance", nextCheckAt: new Date() } });
    expect(await reconcileLinks({ ctx: systemCtx(counted, { requestId: "test" }) })).toMatchObject({ due: 2, transitions: 2 });

    // Once the cadence is over, a pass with nothing due lists each region's orphans in one call per region.
    POLL.slowMs = 0;
    proxy.reset();
    expect(await reconcileLinks({ ctx: systemCtx(counted, { requestId: "test" }) })).toMatchObject({ orphans: 1 });
    expect(proxy.reset().byAction).toEqual({ DescribeVpcEndpoints: 2 });
  });
});

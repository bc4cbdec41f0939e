import { DescribeNetworkInterfacesCommand, DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { afterEach, describe, expect, it } from "vitest";
import { runEndpointDetails } from "@/lib/links/endpoint-details";
import { runProvisioning } from "@/lib/links/provision-link";
import { reconcileLinks } from "@/lib/links/reconcile-links";
import { runVerification } from "@/lib/links/verify-link";
import type { LinkView } from "@/lib/links/views";
import { runWebhookDelivery } from "@/lib/webhooks/deliver-webhook";
import { dispatchWebhookEvents } from "@/lib/webhooks/dispatch";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { DELIVERY_POLICY } from "@/lib/webhooks/settings";
import { webhookPayloadSchema } from "@/lib/webhooks/schemas";
import { clientsOf, CUSTOMER_A, CUSTOMER_B, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { call, HANDLERS } from "../api/api-helpers";
import { createOrganizationWithKey, jobCtx, principalArnOf, withLinkEngine } from "../fixtures/app";
import { createCustomerService } from "../fixtures/customer";
import { ownerOf } from "../webhooks/helpers";
import { withReceiver } from "../webhooks/receiver";

/**
 * The endpoint's addresses and the service's private DNS name, through /api/v1 with the SDK playing the customer: the link
 * hands back the interfaces' private IPs per zone (as DescribeNetworkInterfaces lists them) and, when asked for, the verified
 * private name, switched on on our endpoint once available; one name per region of ours.
 */
const { engine, sandbox } = withLinkEngine();
const receiver = withReceiver();
afterEach(() => receiver.reset());

type Org = Awaited<ReturnType<typeof createOrganizationWithKey>>;

async function register(org: Org, body: Record<string, unknown>): Promise<Response> {
  return call(HANDLERS.createLink!, { method: "POST", path: "/api/v1/links", body: { region: "us-east-1", ...body }, caller: { key: org.key } });
}

async function view(org: Org, id: string): Promise<LinkView> {
  const response = await call(HANDLERS.getLink!, { method: "GET", path: `/api/v1/links/${id}`, params: { id }, caller: { key: org.key } });
  expect(response.status).toBe(200);
  return (await response.json()) as LinkView;
}

const job = () => ({ ctx: jobCtx(engine()) });

/** Registered through the API, verified, provisioned, accepted by the customer, available, its endpoint's details read. */
async function availableLink(org: Org, service: Awaited<ReturnType<typeof createCustomerService>>, body: Record<string, unknown>): Promise<LinkView> {
  const response = await register(org, { serviceName: service.serviceName, ...body });
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as LinkView;
  await runVerification({ ...job(), input: { linkId: id } });
  await runProvisioning({ ...job(), input: { linkId: id } });
  const { endpointId } = await engine().db.link.findUniqueOrThrow({ where: { id } });
  await service.accept(endpointId!);
  await reconcileLinks(job());
  await runEndpointDetails({ ...job(), input: { linkId: id } });
  return view(org, id);
}

let names = 0;
const privateName = () => `db${(names += 1)}.${Date.now().toString(36)}.customer.example`;

describe("the endpoint's addresses and the service's private DNS name", () => {
  it("ends available with the private name on, first among the names, the interfaces' addresses, and link.addresses_changed", async () => {
    const org = await createOrganizationWithKey();
    const webhook = await createWebhook({ ctx: ownerOf(org.ctx), input: { url: receiver.url("/hooks/addresses"), eventTypes: ["link.addresses_changed"] } });
    const name = privateName();
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(engine(), org.org.id)], privateDnsName: name });
    await service.verifyPrivateDns();

    const link = await availableLink(org, service, { name: "orders-db", privateDns: true });
    expect(link).toMatchObject({ state: "available", privateDns: true, privateDnsName: name });
    expect(link.dnsNames[0]).toBe(name);
    expect(link.checks.find((c) => c.name === "private_dns")).toMatchObject({ status: "pass" });

    const vendor = clientsOf(sandbox(), VENDOR).ec2;
    const { VpcEndpoints } = await vendor.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [link.endpointId!] }));
    expect(VpcEndpoints?.[0]?.PrivateDnsEnabled).toBe(true);
    const { NetworkInterfaces = [] } = await vendor.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: VpcEndpoints?.[0]?.NetworkInterfaceIds }));
    const expected = NetworkInterfaces.map((eni) => ({
      azId: eni.AvailabilityZoneId,
      subnetId: eni.SubnetId,
      networkInterfaceId: eni.NetworkInterfaceId,
      privateIpAddress: eni.PrivateIpAddress,
    })).sort((a, b) => (a.azId ?? "").localeCompare(b.azId ?? ""));
    expect(expected.length).toBeGreaterThan(0);
    expect(link.endpointAddresses).toEqual(expected);

    // Read again with nothing changed: no second event.
    await runEndpointDetails({ ...job(), input: { linkId: link.id } });
    const events = await engine().db.linkEvent.findMany({ where: { linkId: link.id, kind: "addresses" } });
    expect(events).toHaveLength(1);

    await dispatchWebhookEvents(job());
    const deliveries = await engine().db.webhookDelivery.findMany({ where: { webhookId: webhook.id } });
    expect(deliveries.map((d) => d.eventType)).toEqual(["link.addresses_changed"]);
    const outcome = await runWebhookDelivery({
      ctx: jobCtx({ ...engine(), overrides: { webhooks: { delivery: { ...DELIVERY_POLICY, timeoutMs: 2_000 } } } }),
      input: { deliveryId: deliveries[0]!.id },
    });
    expect(outcome).toBe("delivered");
    const [request] = await receiver.waitFor(1);
    const payload = webhookPayloadSchema.parse(JSON.parse(request!.body));
    expect(payload).toMatchObject({ type: "link.addresses_changed", data: { event: { kind: "addresses" }, link: { id: link.id } } });
    expect(payload.data.link.endpointAddresses).toEqual(expected);
  });

  it("refuses a second link to the same private name in the region: generic for another organization, named for the same one", async () => {
    const first = await createOrganizationWithKey();
    const name = privateName();
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(engine(), first.org.id)], privateDnsName: name });
    await service.verifyPrivateDns();
    const held = await availableLink(first, service, { name: "first", privateDns: true });
    expect(held.privateDnsName).toBe(name);

    const verifyOnce = async (org: Org, owner: typeof CUSTOMER_A, linkName: string) => {
      const other = await createCustomerService(sandbox(), owner, { principals: [await principalArnOf(engine(), org.org.id)], privateDnsName: name });
      await other.verifyPrivateDns();
      const response = await register(org, { name: linkName, serviceName: other.serviceName, privateDns: true });
      expect(response.status).toBe(201);
      const { id } = (await response.json()) as LinkView;
      await runVerification({ ...job(), input: { linkId: id } });
      return view(org, id);
    };

    const second = await createOrganizationWithKey();
    const refused = await verifyOnce(second, CUSTOMER_B, "second");
    expect(refused).toMatchObject({ state: "verification_failed", lastError: { code: "private_dns_conflict" }, privateDnsName: null });
    const check = refused.checks.find((c) => c.name === "private_dns");
    expect(check).toMatchObject({ status: "fail" });
    expect(check?.detail).toContain(`${name} is already in use in us-east-1`);
    expect(check?.detail).not.toContain(held.id);

    const again = await verifyOnce(first, CUSTOMER_A, "first-again");
    expect(again.lastError?.code).toBe("private_dns_conflict");
    expect(again.checks.find((c) => c.name === "private_dns")?.detail).toContain(`Your link "first" (${held.id})`);

    // Without privateDns the same service connects, on its endpoint's own names.
    const plain = await register(second, {
      name: "second-plain",
      serviceName: (await createCustomerService(sandbox(), CUSTOMER_B, { principals: [await principalArnOf(engine(), second.org.id)], privateDnsName: name }))
        .serviceName,
    });
    const { id } = (await plain.json()) as LinkView;
    await runVerification({ ...job(), input: { linkId: id } });
    expect((await view(second, id)).state).toBe("provisioning");
  });

  it("fails verification when privateDns is asked for a service without a verified private name", async () => {
    const org = await createOrganizationWithKey();
    const service = await createCustomerService(sandbox(), CUSTOMER_A, {
      principals: [await principalArnOf(engine(), org.org.id)],
      privateDnsName: privateName(),
    });
    const response = await register(org, { name: "unverified", serviceName: service.serviceName, privateDns: true });
    const { id } = (await response.json()) as LinkView;
    await runVerification({ ...job(), input: { linkId: id } });
    const failed = await view(org, id);
    expect(failed).toMatchObject({ state: "verification_failed", lastError: { code: "private_dns" } });
    expect(failed.lastError?.message).toContain("is pendingVerification");
  });
});

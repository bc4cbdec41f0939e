import { DescribeSubnetsCommand } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAppEngine, type Engine } from "@/lib/engine";
import { runEndpointDetails } from "@/lib/links/endpoint-details";
import { runProbe } from "@/lib/links/probes/probe-link";
import { runProvisioning } from "@/lib/links/provision-link";
import { reconcileLinks } from "@/lib/links/reconcile-links";
import { syncVendorRegions } from "@/lib/links/vendor-network";
import { runVerification } from "@/lib/links/verify-link";
import { clientsOf, CUSTOMER_A } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganizationWithKey, jobCtx, withLinkEngine } from "../fixtures/app";
import { withTempDir } from "../fixtures/temp-dir";
import { customerEnv, customerVpc, downloadCliKit, runScript, SERVICE_NAME } from "../setup-kits/cli-kit";
import { hasTool, run, toolTitle } from "../setup-kits/tools";
import {
  allHealthy,
  api,
  canBindLowPorts,
  elbOf,
  firstLine,
  greetingServer,
  linkOf,
  probingEngine,
  resolveInVpc,
  untilState,
  waitForTargets,
} from "./guides-b-flow";

/**
 * docs/guides/ssh-bastion.md as written: a bastion host on 22 in each of two zones (sandbox instances standing for
 * loopback servers that greet with an SSH banner), the `instance` CLI kit on 22 run by the customer with the AWS CLI,
 * the link registered with ports [22], accepted, available, connectivity ok on 22 in both zones, and a client in our VPC
 * reading the banner through the endpoint's DNS name.
 */
const { engine, sandbox } = withLinkEngine({ sandbox: { dataPlane: { healthCheckScale: 0.02 } } });
const home = withTempDir("guide-ssh-bastion-");
const canRun = hasTool("bash") && hasTool("aws") && canBindLowPorts();
const BANNER = "SSH-2.0-OpenSSH_9.6 bastion";

let probing: Engine;
let bastions: Awaited<ReturnType<typeof greetingServer>>[] = [];

beforeAll(async () => {
  probing = probingEngine(engine(), sandbox());
  setAppEngine(probing);
  // The vendor offers 22 in us-east-1 (the demo regions do); nothing excluded.
  await syncVendorRegions(engine(), [{ region: "us-east-1", ports: [22, 5432], excludedAzIds: [] }]);
});

afterAll(() => {
  for (const server of bastions) server.close();
});

describe("guide: an SSH bastion on port 22 in several zones", () => {
  it.skipIf(!canRun)(
    toolTitle("aws", "kit on 22 with instance targets -> register [22] -> accept -> available -> connectivity ok on 22 -> the banner by DNS name"),
    async () => {
      const { key } = await createOrganizationWithKey({ approvalMode: "automatic" });

      // What the customer has first: a bastion in each of two private subnets, in zones we serve.
      const { vpcId, subnets } = await customerVpc(sandbox());
      bastions = await Promise.all(subnets.map(() => greetingServer(`${BANNER}\r\n`)));
      const instances = subnets.map((subnet, i) =>
        sandbox().addInstance({
          accountId: CUSTOMER_A.accountId,
          subnetId: subnet.subnetId,
          ports: { "22": bastions[i]!.port },
        }),
      );

      // The instance kit on 22, run as the guide says.
      const kit = await downloadCliKit(key, home, "region=us-east-1&target=instance&ports=22");
      const env = customerEnv(sandbox(), home, {
        NAME: "bastion",
        VPC_ID: vpcId,
        SUBNET_IDS: subnets.map((s) => s.subnetId).join(","),
        TARGETS: instances.map((i) => i.instanceId).join(","),
      });
      const result = await runScript(kit, env);
      expect(result.code, result.stderr).toBe(0);
      const serviceName = result.stdout.trim();
      expect(serviceName).toMatch(SERVICE_NAME);

      // The kit's target group checks the bastions on 22 over TCP: both healthy.
      const elb = elbOf(sandbox(), CUSTOMER_A);
      const group = [...sandbox().state.elbv2.targetGroups.values()].find((g) => g.ownerId === CUSTOMER_A.accountId && g.name === "bastion-22")!;
      expect(group).toMatchObject({ targetType: "instance", port: 22 });
      const health = await waitForTargets(sandbox(), elb, group.arn, allHealthy);
      expect(health.map((r) => r.Target?.Id).sort()).toEqual(instances.map((i) => i.instanceId).sort());

      // Register with ports [22]: no TLS on an SSH port.
      const created = await api("createLink", "POST", "/api/v1/links", key, {
        body: { name: "bastion", serviceName, region: "us-east-1", ports: [22] },
      });
      expect(created).toMatchObject({ status: 201, body: { state: "verifying", ports: [22], tlsPorts: [] } });
      const id = created.body.id;
      const job = { ctx: jobCtx(probing), input: { linkId: id } };

      await runVerification(job);
      const verified = await linkOf(key, id);
      expect(verified.state).toBe("provisioning");
      expect(verified.checks.filter((c) => c.status === "fail")).toEqual([]);
      await runProvisioning(job);
      const pending = await linkOf(key, id);
      expect(pending).toMatchObject({ state: "pending_acceptance", endpointId: expect.stringMatching(/^vpce-/) });

      // The customer accepts our connection request in its account.
      const serviceId = serviceName.split(".").at(-1)!;
      const accepted = await run(
        "aws",
        ["ec2", "accept-vpc-endpoint-connections", "--region", "us-east-1", "--service-id", serviceId, "--vpc-endpoint-ids", pending.endpointId!],
        {
          env,
        },
      );
      expect(accepted.code, accepted.stderr).toBe(0);
      const available = await untilState(
        () => linkOf(key, id),
        () => reconcileLinks({ ctx: jobCtx(probing) }),
        "available",
      );
      expect(available.dnsNames.length).toBeGreaterThan(1);
      await runEndpointDetails(job);
      const vendorZones = (await linkOf(key, id)).endpointAddresses.map((a) => a.azId).sort();
      const customerZones = (
        await clientsOf(sandbox(), CUSTOMER_A).ec2.send(new DescribeSubnetsCommand({ SubnetIds: subnets.map((s) => s.subnetId) }))
      ).Subnets!.map((s) => s.AvailabilityZoneId);
      expect(vendorZones).toEqual([...customerZones].sort());

      // Reachable: the probe connects on 22 in each zone, plain TCP.
      expect(await runProbe({ ctx: jobCtx(probing), input: { linkId: id, trigger: "manual" } })).toHaveProperty("status");
      const { connectivity } = await linkOf(key, id);
      expect(connectivity).toMatchObject({ status: "ok", diagnosis: [] });
      const zonal = connectivity.targets.filter((t) => t.kind === "zonal");
      expect(zonal).toHaveLength(2);
      expect(zonal.flatMap((t) => t.ports.map((p) => [p.port, p.result]))).toEqual([
        [22, "ok"],
        [22, "ok"],
      ]);

      // A client in our VPC: the endpoint's regional name, then each zone's, each reads the bastion's banner.
      for (const name of available.dnsNames) {
        const [address] = await resolveInVpc(sandbox(), name);
        expect(await firstLine(address!, 22)).toBe(BANNER);
      }
    },
    300_000,
  );
});

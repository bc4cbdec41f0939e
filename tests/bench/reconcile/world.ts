import { randomUUID } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  EC2Client,
  ModifyVpcEndpointServicePermissionsCommand,
} from "@aws-sdk/client-ec2";
import { toSnapshot } from "@/lib/aws/ec2";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { ensureDatabase, startEmbeddedPostgres } from "@/lib/db/embedded";
import type { Prisma } from "@/lib/db/generated/client";
import { migrate } from "@/lib/db/migrate";
import { ALL_JOBS } from "@/lib/job-list";
import { installJobQueues } from "@/lib/jobs/queue";
import { accountsDocument } from "@privatelink-portal/sandbox-aws/admin";
import { ZERO_DELAYS } from "@privatelink-portal/sandbox-aws/runtime";
import { SEED_ACCOUNTS } from "@privatelink-portal/sandbox-aws/seed";
import { startSandbox, type Sandbox } from "@privatelink-portal/sandbox-aws";
import { TAG_LINK_ID, TAG_ORGANIZATION_ID } from "@/lib/aws/tags";
import { EC2_MUTATION_BUDGET, type Engine } from "@/lib/engine";
import { dnsNamesOf } from "@/lib/links/observe";
import { POLL, pollCadence } from "@/lib/links/persist";
import { ensureOrganizationPrincipal } from "@/lib/orgs/principal";
import { subnetsFor } from "@/lib/links/aws";
import { subnetsOf } from "@/lib/links/columns";
import { syncVendorRegions } from "@/lib/links/vendor-network";
import { startCountingProxy, type CountingProxy } from "./counting-proxy";

/**
 * The benchmark's world: an embedded PostgreSQL in a temporary folder, the sandbox in process
 * (zero state-change delays, throttling off until the measured part), a counting proxy the
 * engine talks through, organizations, customer services in three regions, and seeded links.
 */

export const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"] as const;
export type Region = (typeof REGIONS)[number];

const [VENDOR, ...CUSTOMERS] = SEED_ACCOUNTS;

export type Service = { serviceId: string; serviceName: string; customer: (typeof SEED_ACCOUNTS)[number]; acceptanceRequired: boolean; zoneIds: string[] };

export type World = {
  db: Db;
  databaseUrl: string;
  sandbox: Sandbox;
  proxy: CountingProxy;
  engine: Engine;
  customerClient: (customer: Service["customer"], region: string) => EC2Client;
  close: () => Promise<void>;
};

function keysOf(account: (typeof SEED_ACCOUNTS)[number]) {
  return { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey };
}

export async function startWorld(log: (message: string) => void): Promise<World> {
  const dir = mkdtempSync(path.join(tmpdir(), "privatelink-bench-"));
  chmodSync(dir, 0o755); // the server runs as its own OS user when we are root
  const postgres = await startEmbeddedPostgres({ dir: path.join(dir, "data"), port: 0 });
  const databaseUrl = await ensureDatabase(postgres.serverUrl, "bench");
  await migrate(databaseUrl);
  await installJobQueues(databaseUrl, ALL_JOBS, { expireInSeconds: 120, retryDelaySeconds: 2 });
  const db = createPrismaClient(databaseUrl);
  log(`embedded PostgreSQL ready (${dir})`);

  const sandbox = await startSandbox({ port: 0, host: "127.0.0.1", delays: ZERO_DELAYS, throttling: { enabled: false } });
  const proxy = await startCountingProxy(sandbox.url, VENDOR!.accessKeyId);
  POLL.fastMs = 5_000;
  POLL.slowMs = undefined; // RECONCILE_SETTLED_SECONDS, 30 s by default
  const engine: Engine = {
    db,
    aws: { endpoint: proxy.url, controlCredentials: keysOf(VENDOR!) },
    principals: { mode: "per_organization", rolePath: "/privatelink/" },
    budgets: { create: EC2_MUTATION_BUDGET, delete: EC2_MUTATION_BUDGET },
  };
  await syncVendorRegions(
    engine,
    REGIONS.map((region) => ({ region, ports: [5432] })),
  );

  const clients = new Map<string, EC2Client>();
  const customerClient = (customer: Service["customer"], region: string) => {
    const key = `${customer.accountId}/${region}`;
    if (!clients.has(key)) clients.set(key, new EC2Client({ endpoint: sandbox.url, region, credentials: keysOf(customer) }));
    return clients.get(key)!;
  };
  return {
    db,
    databaseUrl,
    sandbox,
    proxy,
    engine,
    customerClient,
    close: async () => {
      await db.$disconnect();
      await proxy.close();
      await sandbox.close();
      await postgres.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createOrganizations(world: World, count: number, prefix: string) {
  const orgs = [];
  for (let i = 0; i < count; i++) {
    const org = await world.db.organization.create({
      data: { slug: `${prefix}-${i}`, name: `${prefix} ${i}`, plan: "enterprise", approvalMode: "automatic", linkQuota: 5_000 },
    });
    const principal = await ensureOrganizationPrincipal(world.engine, org);
    orgs.push({ ...org, principalArn: principal.arn });
  }
  return orgs;
}

/**
 * `perCustomer` services per customer account in each region, allowlisting `principals`. Only
 * services that share an Availability Zone with the vendor's subnets are kept (one seeded customer
 * sits in other zones in us-east-1, on purpose: verification refuses it).
 */
export async function createServices(
  world: World,
  { perCustomer, acceptanceRequired, principals }: { perCustomer: number; acceptanceRequired: boolean; principals: string[] },
) {
  const byRegion = new Map<string, Service[]>();
  const loadBalancers = accountsDocument().accounts;
  for (const region of REGIONS) {
    const vendorRegion = await world.db.vendorRegion.findUniqueOrThrow({ where: { region } });
    const vendorZones = new Set(subnetsOf(vendorRegion).map((s) => s.availabilityZoneId));
    const services: Service[] = [];
    for (const customer of CUSTOMERS) {
      const ec2 = world.customerClient(customer, region);
      const nlb = loadBalancers.find((a) => a.accountId === customer.accountId)?.loadBalancers[region]?.[0];
      for (let i = 0; i < perCustomer; i++) {
        const { ServiceConfiguration: config } = await ec2.send(
          new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: nlb ? [nlb] : [], AcceptanceRequired: acceptanceRequired }),
        );
        await ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: config?.ServiceId, AddAllowedPrincipals: principals }));
        const zoneIds = world.sandbox.state.services.get(config?.ServiceId ?? "")?.zoneIds ?? [];
        services.push({ serviceId: config?.ServiceId ?? "", serviceName: config?.ServiceName ?? "", customer, acceptanceRequired, zoneIds });
      }
    }
    byRegion.set(
      region,
      services.filter((service) => service.zoneIds.some((zone) => vendorZones.has(zone))),
    );
  }
  return byRegion;
}

type Org = Awaited<ReturnType<typeof createOrganizations>>[number];

/**
 * Seeds `count` links that already have their endpoint: each endpoint is created through
 * CreateVpcEndpoint (the real SDK, the vendor's control keys, throttling off) with the link's
 * tags, then the links are inserted as the engine would have left them, their next checks spread
 * over the poll cadence as in a running system.
 */
export async function seedLinks(
  world: World,
  { count, orgs, settled, pending }: { count: number; orgs: Org[]; settled: Map<string, Service[]>; pending: Map<string, Service[]> },
) {
  const vendorRegions = new Map((await world.db.vendorRegion.findMany()).map((r) => [r.region, r]));
  const vendorClients = new Map(REGIONS.map((region) => [region, new EC2Client({ endpoint: world.sandbox.url, region, credentials: keysOf(VENDOR!) })]));
  const now = Date.now();
  let next = 0;
  const rows: Prisma.LinkCreateManyInput[] = [];
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < count) {
        const i = next++;
        const region = REGIONS[i % REGIONS.length]!;
        const isPending = i % 10 === 0; // 10% wait for acceptance, 90% are settled (available)
        const pool = (isPending ? pending : settled).get(region)!;
        const serviceIndex = i % pool.length;
        const service = pool[serviceIndex]!;
        // One organization per service, as the database insists (Link_serviceName_one_organization).
        const org = orgs[serviceIndex % orgs.length]!;
        const vendorRegion = vendorRegions.get(region)!;
        const id = randomUUID();
        const answer = await vendorClients.get(region)!.send(
          new CreateVpcEndpointCommand({
            VpcEndpointType: "Interface",
            VpcId: vendorRegion.vpcId,
            ServiceName: service.serviceName,
            SubnetIds: subnetsFor(vendorRegion, service.zoneIds),
            SecurityGroupIds: vendorRegion.securityGroupIds,
            ClientToken: `link-${id}`,
            TagSpecifications: [
              {
                ResourceType: "vpc-endpoint",
                Tags: [
                  { Key: TAG_LINK_ID, Value: id },
                  { Key: TAG_ORGANIZATION_ID, Value: org.id },
                ],
              },
            ],
          }),
        );
        const snapshot = toSnapshot(answer.VpcEndpoint!);
        const delay = isPending ? pollCadence().fastMs : pollCadence().slowMs;
        rows.push({
          id,
          organizationId: org.id,
          name: `seeded-${i}`,
          serviceName: service.serviceName,
          serviceRegion: region,
          region,
          ports: [5432],
          state: isPending ? "pending_acceptance" : "available",
          endpointId: snapshot.endpointId,
          dnsNames: dnsNamesOf(snapshot),
          nextCheckAt: new Date(now + Math.random() * delay),
        });
      }
    }),
  );
  for (let i = 0; i < rows.length; i += 1_000) await world.db.link.createMany({ data: rows.slice(i, i + 1_000) });
  return rows.length;
}

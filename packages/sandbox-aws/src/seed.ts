import { createHash } from "node:crypto";

/**
 * The fixed world every sandbox starts with: one vendor and three customer accounts, each with a
 * VPC, three subnets and a security group in every region, and an internal NLB per customer.
 * Everything here is derived from account ids, so docs and tests can name it and it never needs
 * to be persisted. Customer accounts made at run time (accounts.ts) get their network derived the
 * same way, added to NETWORK when they are made or loaded: a cache of a pure function of the id, so
 * one process running several sandboxes shares it safely (only the account itself can see its part).
 */

export interface SeedAccount {
  accountId: string;
  kind: "vendor" | "customer";
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Rotates this account's AZ name -> AZ ID mapping, as AWS does per account. */
  azOffset: number;
}

export interface Region {
  name: string;
  zoneIdPrefix: string;
  zoneCount: number;
}

export const REGIONS: readonly Region[] = [
  { name: "us-east-1", zoneIdPrefix: "use1", zoneCount: 6 },
  { name: "us-west-2", zoneIdPrefix: "usw2", zoneCount: 4 },
  { name: "eu-west-1", zoneIdPrefix: "euw1", zoneCount: 3 },
];

function derive(label: string, length: number, alphabet = "0123456789abcdef"): string {
  const digest = createHash("sha512").update(`privatelink-sandbox:${label}`).digest();
  let out = "";
  for (let i = 0; out.length < length; i++) out += alphabet[(digest[i % digest.length] ?? 0) % alphabet.length];
  return out;
}

export const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+";

function account(accountId: string, kind: SeedAccount["kind"], name: string, azOffset: number): SeedAccount {
  return {
    accountId,
    kind,
    name,
    accessKeyId: `AKIA${kind === "vendor" ? "VEND" : "CUST"}${accountId}`,
    secretAccessKey: derive(`secret:${accountId}`, 40, SECRET_ALPHABET),
    azOffset,
  };
}

export const SEED_ACCOUNTS: readonly SeedAccount[] = [
  account("111111111111", "vendor", "vendor", 0),
  account("222222222222", "customer", "customer-a", 1),
  account("333333333333", "customer", "customer-b", 2),
  account("444444444444", "customer", "customer-c", 3),
];

/** A customer account made at run time sees AZ names rotated as customer-a's, so its NLB shares zones with the vendor's subnets. */
const MADE_ACCOUNT_AZ_OFFSET = 1;

export function findRegion(name: string): Region | undefined {
  return REGIONS.find((region) => region.name === name);
}

export interface Zone {
  zoneName: string;
  zoneId: string;
}

/** The account's view of a region's zones: names a, b, c... mapped to rotated zone ids. */
export function zonesFor(accountId: string, regionName: string): Zone[] {
  const region = findRegion(regionName);
  const offset = SEED_ACCOUNTS.find((a) => a.accountId === accountId)?.azOffset ?? MADE_ACCOUNT_AZ_OFFSET;
  if (!region) return [];
  return Array.from({ length: region.zoneCount }, (_, i) => ({
    zoneName: `${region.name}${String.fromCharCode(97 + i)}`,
    zoneId: `${region.zoneIdPrefix}-az${((i + offset) % region.zoneCount) + 1}`,
  }));
}

export interface Vpc {
  vpcId: string;
  ownerId: string;
  region: string;
  cidrBlock: string;
}

export interface Subnet {
  subnetId: string;
  vpcId: string;
  ownerId: string;
  region: string;
  zoneName: string;
  zoneId: string;
  cidrBlock: string;
}

export interface SecurityGroup {
  groupId: string;
  groupName: string;
  vpcId: string;
  ownerId: string;
  region: string;
}

export interface RouteTable {
  routeTableId: string;
  vpcId: string;
  ownerId: string;
  region: string;
}

export interface LoadBalancer {
  arn: string;
  ownerId: string;
  region: string;
  zoneIds: string[];
}

export interface Network {
  vpcs: Vpc[];
  subnets: Subnet[];
  securityGroups: SecurityGroup[];
  loadBalancers: LoadBalancer[];
  /** Each VPC's main route table. */
  routeTables: RouteTable[];
}

/** One account's VPC, subnets, route table and default group per region, and a customer's NLB; `second` is its VPCs' second octet in the first region. */
function accountNetwork(acct: Pick<SeedAccount, "accountId" | "kind" | "name">, second: number): Network {
  const network: Network = { vpcs: [], subnets: [], securityGroups: [], loadBalancers: [], routeTables: [] };
  REGIONS.forEach((region, regionIndex) => {
    const octet = second + regionIndex;
    const vpcId = `vpc-0${derive(`vpc:${acct.accountId}:${region.name}`, 16)}`;
    network.vpcs.push({ vpcId, ownerId: acct.accountId, region: region.name, cidrBlock: `10.${octet}.0.0/16` });
    const zones = zonesFor(acct.accountId, region.name);
    zones.slice(0, 3).forEach((zone, i) => {
      network.subnets.push({
        subnetId: `subnet-0${derive(`subnet:${acct.accountId}:${zone.zoneName}`, 16)}`,
        vpcId,
        ownerId: acct.accountId,
        region: region.name,
        zoneName: zone.zoneName,
        zoneId: zone.zoneId,
        cidrBlock: `10.${octet}.${i * 16}.0/20`,
      });
    });
    network.routeTables.push({
      routeTableId: `rtb-0${derive(`rtb:${acct.accountId}:${region.name}`, 16)}`,
      vpcId,
      ownerId: acct.accountId,
      region: region.name,
    });
    network.securityGroups.push({
      groupId: `sg-0${derive(`sg:${acct.accountId}:${region.name}`, 16)}`,
      groupName: "default",
      vpcId,
      ownerId: acct.accountId,
      region: region.name,
    });
    if (acct.kind === "customer") {
      network.loadBalancers.push({
        arn: `arn:aws:elasticloadbalancing:${region.name}:${acct.accountId}:loadbalancer/net/${acct.name}-db/${derive(`nlb:${acct.accountId}:${region.name}`, 16)}`,
        ownerId: acct.accountId,
        region: region.name,
        zoneIds: zones.slice(0, 2).map((zone) => zone.zoneId),
      });
    }
  });
  return network;
}

export const NETWORK: Network = { vpcs: [], subnets: [], securityGroups: [], loadBalancers: [], routeTables: [] };
const NETWORKS = new Map<string, Network>();
const SUBNETS = new Map<string, Subnet>();
const GROUPS = new Map<string, SecurityGroup>();

function addNetwork(accountId: string, part: Network): void {
  if (NETWORKS.has(accountId)) return;
  NETWORKS.set(accountId, part);
  NETWORK.vpcs.push(...part.vpcs);
  NETWORK.subnets.push(...part.subnets);
  NETWORK.securityGroups.push(...part.securityGroups);
  NETWORK.loadBalancers.push(...part.loadBalancers);
  NETWORK.routeTables.push(...part.routeTables);
  for (const subnet of part.subnets) SUBNETS.set(subnet.subnetId, subnet);
  for (const group of part.securityGroups) GROUPS.set(group.groupId, group);
}

SEED_ACCOUNTS.forEach((acct, index) => addNetwork(acct.accountId, accountNetwork(acct, 10 + index * 10)));

/** The network of a customer account made at run time (its VPCs in 10.100.0.0 to 10.244.0.0, away from the vendor's). */
export function addCustomerNetwork(accountId: string): void {
  addNetwork(accountId, accountNetwork({ accountId, kind: "customer", name: `customer-${accountId}` }, 100 + (Number(accountId) % 15) * 10));
}

/** One account's own part of NETWORK (empty for an account without one). */
export function networkOf(accountId: string): Network {
  return NETWORKS.get(accountId) ?? { vpcs: [], subnets: [], securityGroups: [], loadBalancers: [], routeTables: [] };
}

export function subnetById(subnetId: string): Subnet | undefined {
  return SUBNETS.get(subnetId);
}

export function securityGroupById(groupId: string): SecurityGroup | undefined {
  return GROUPS.get(groupId);
}

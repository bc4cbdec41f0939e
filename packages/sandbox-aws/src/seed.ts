import { createHash } from "node:crypto";

/**
 * The fixed world every sandbox starts with: one vendor and three customer accounts, each with a
 * VPC, three subnets and a security group in every region, and an internal NLB per customer.
 * Everything here is derived from account ids, so docs and tests can name it and it never needs
 * to be persisted.
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

const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+";

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
  const offset = SEED_ACCOUNTS.find((a) => a.accountId === accountId)?.azOffset ?? 0;
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

function buildNetwork(): Network {
  const network: Network = { vpcs: [], subnets: [], securityGroups: [], loadBalancers: [], routeTables: [] };
  SEED_ACCOUNTS.forEach((acct, accountIndex) => {
    REGIONS.forEach((region, regionIndex) => {
      const second = 10 + accountIndex * 10 + regionIndex;
      const vpcId = `vpc-0${derive(`vpc:${acct.accountId}:${region.name}`, 16)}`;
      network.vpcs.push({ vpcId, ownerId: acct.accountId, region: region.name, cidrBlock: `10.${second}.0.0/16` });
      const zones = zonesFor(acct.accountId, region.name);
      zones.slice(0, 3).forEach((zone, i) => {
        network.subnets.push({
          subnetId: `subnet-0${derive(`subnet:${acct.accountId}:${zone.zoneName}`, 16)}`,
          vpcId,
          ownerId: acct.accountId,
          region: region.name,
          zoneName: zone.zoneName,
          zoneId: zone.zoneId,
          cidrBlock: `10.${second}.${i * 16}.0/20`,
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
  });
  return network;
}

export const NETWORK: Network = buildNetwork();

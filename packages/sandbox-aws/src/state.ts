import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { Elbv2Store, type StoredElbv2 } from "./elbv2/store";
import { LatticeStore, type StoredLattice } from "./lattice/store";
import { RamStore, type StoredRam } from "./ram/store";
import { addCustomerNetwork } from "./seed";
import type { Tag } from "./wire/params";

/** Mutable state of the sandbox: everything AWS callers can create. The seed world is in seed.ts. */

export interface Role {
  accountId: string;
  roleName: string;
  roleId: string;
  path: string;
  arn: string;
  trustPolicy: string;
  description?: string;
  maxSessionDuration: number;
  createdAt: string;
  tags: Tag[];
  inlinePolicies: Record<string, string>;
}

export interface Session {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  roleArn: string;
  roleName: string;
  roleId: string;
  sessionName: string;
  expiresAt: number;
}

export interface ServicePermission {
  principal: string;
  permissionId: string;
}

export interface EndpointService {
  serviceId: string;
  serviceName: string;
  ownerId: string;
  region: string;
  acceptanceRequired: boolean;
  privateDnsName?: string;
  /** Unset with a name: pendingVerification (ec2/private-dns.ts). */
  privateDnsState?: "pendingVerification" | "verified" | "failed";
  loadBalancerArns: string[];
  zoneIds: string[];
  supportedRegions: string[];
  supportedIpAddressTypes: string[];
  tags: Tag[];
  permissions: ServicePermission[];
  createdAt: string;
  clientToken?: string;
}

export type EndpointState = "pendingAcceptance" | "pending" | "available" | "rejected" | "deleting" | "deleted" | "failed" | "expired";

export interface Endpoint {
  id: string;
  /**
   * Interface unless said otherwise; Gateway endpoints (S3, DynamoDB) have route tables instead of subnets; Resource
   * endpoints reach a vpc-lattice resource configuration (no service, no acceptance).
   */
  type?: "Interface" | "Gateway" | "Resource";
  resourceConfigurationArn?: string;
  /** A Resource endpoint's association with its configuration, until the configuration's owner deletes it. */
  resourceAssociationId?: string;
  routeTableIds?: string[];
  ownerId: string;
  /** Principal ARN of the caller that created it, as in the connection's owner fields. */
  region: string;
  vpcId: string;
  serviceId: string;
  serviceName: string;
  serviceRegion: string;
  subnetIds: string[];
  securityGroupIds: string[];
  networkInterfaceIds: string[];
  dnsSuffix: string;
  privateDnsEnabled: boolean;
  ipAddressType: string;
  state: EndpointState;
  /** When the state last changed, epoch ms on the sandbox clock. */
  stateSince: number;
  /** A scheduled change the lifecycle applies once its time has come. */
  next?: { state: EndpointState; at: number };
  failureReason?: string;
  tags: Tag[];
  createdAt: string;
  clientToken?: string;
  fingerprint: string;
  connectionId: string;
}

/** A security group rule, as DescribeSecurityGroupRules shows it. */
export interface SecurityGroupRule {
  ruleId: string;
  groupId: string;
  isEgress: boolean;
  ipProtocol: string;
  fromPort: number;
  toPort: number;
  cidrIpv4?: string;
  referencedGroupId?: string;
  description?: string;
  tags: Tag[];
}

/** A security group with its rules: created ones, and seeded ones once a caller has touched them. */
export interface SecurityGroupRecord {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
  ownerId: string;
  region: string;
  tags: Tag[];
  rules: SecurityGroupRule[];
}

/**
 * A host in a subnet (`POST /_sandbox/instances`): an instance target, or its private IP as an IP target, reaches the
 * loopback server standing for it (README "Instances").
 */
export interface Instance {
  instanceId: string;
  ownerId: string;
  region: string;
  vpcId: string;
  subnetId: string;
  privateIp: string;
  /** The loopback address its servers listen on. */
  host: string;
  /** Its port -> the port on `host` that serves it; a port not listed is served on the same port. */
  ports: Record<string, number>;
  createdAt: string;
}

/** A customer account made at run time (`POST /_sandbox/accounts`), one per owner label; its network is derived from its id. */
export interface MadeAccount {
  accountId: string;
  owner: string;
  accessKeyId: string;
  secretAccessKey: string;
  createdAt: string;
}

export interface StoredState {
  version: 1;
  accounts?: MadeAccount[];
  securityGroups?: SecurityGroupRecord[];
  instances?: Instance[];
  elbv2?: StoredElbv2;
  lattice?: StoredLattice;
  ram?: StoredRam;
  roles: Role[];
  sessions: Session[];
  services: EndpointService[];
  endpoints: Endpoint[];
  /** Idempotency records: `${accountId}/${region}/${token}` -> resource id. */
  clientTokens: Record<string, string>;
  /** The data plane's loopback addresses: `${endpointId}/${zoneId}` -> address (data-plane/addresses.ts). */
  dataPlaneAddresses?: Record<string, string>;
  /** The public DNS's TXT records, by lower-case name (private DNS name verification). */
  publicDnsTxt?: Record<string, string[]>;
}

export class SandboxState {
  /** By account id, in the order they were made. */
  accounts = new Map<string, MadeAccount>();
  roles = new Map<string, Role>();
  sessions = new Map<string, Session>();
  services = new Map<string, EndpointService>();
  endpoints = new Map<string, Endpoint>();
  clientTokens = new Map<string, string>();
  securityGroups = new Map<string, SecurityGroupRecord>();
  instances = new Map<string, Instance>();
  /** `${endpointId}/${zoneId}` -> the loopback address standing for the endpoint's interface in that zone. */
  dataPlaneAddresses = new Map<string, string>();
  /** TXT records published to the sandbox's public DNS: lower-case name -> values. */
  publicDnsTxt = new Map<string, string[]>();
  readonly elbv2 = new Elbv2Store();
  readonly lattice = new LatticeStore();
  readonly ram = new RamStore();
  /** Earliest `next.at` of any endpoint, so the lifecycle can skip work when nothing is due. */
  nextDueAt = Number.POSITIVE_INFINITY;
  private sortedEndpointsCache: Endpoint[] | undefined;

  static roleKey(accountId: string, roleName: string): string {
    return `${accountId}/${roleName.toLowerCase()}`;
  }

  addEndpoint(endpoint: Endpoint): void {
    this.endpoints.set(endpoint.id, endpoint);
    this.sortedEndpointsCache = undefined;
  }

  removeEndpoint(id: string): void {
    this.endpoints.delete(id);
    this.sortedEndpointsCache = undefined;
  }

  /** Every endpoint in id order (the order pages follow), cached until one is added or removed. */
  sortedEndpoints(): Endpoint[] {
    this.sortedEndpointsCache ??= [...this.endpoints.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return this.sortedEndpointsCache;
  }

  clear(): void {
    this.sortedEndpointsCache = undefined;
    this.accounts.clear();
    this.roles.clear();
    this.sessions.clear();
    this.services.clear();
    this.endpoints.clear();
    this.clientTokens.clear();
    this.securityGroups.clear();
    this.instances.clear();
    this.dataPlaneAddresses.clear();
    this.publicDnsTxt.clear();
    this.elbv2.clear();
    this.lattice.clear();
    this.ram.clear();
    this.nextDueAt = Number.POSITIVE_INFINITY;
  }

  toJSON(): StoredState {
    return {
      version: 1,
      accounts: [...this.accounts.values()],
      roles: [...this.roles.values()],
      sessions: [...this.sessions.values()],
      services: [...this.services.values()],
      endpoints: [...this.endpoints.values()],
      clientTokens: Object.fromEntries(this.clientTokens),
      securityGroups: [...this.securityGroups.values()],
      instances: [...this.instances.values()],
      elbv2: this.elbv2.toJSON(),
      lattice: this.lattice.toJSON(),
      ram: this.ram.toJSON(),
      dataPlaneAddresses: Object.fromEntries(this.dataPlaneAddresses),
      publicDnsTxt: Object.fromEntries(this.publicDnsTxt),
    };
  }

  load(stored: StoredState): void {
    this.clear();
    for (const account of stored.accounts ?? []) this.addAccount(account);
    for (const role of stored.roles) this.roles.set(SandboxState.roleKey(role.accountId, role.roleName), role);
    for (const session of stored.sessions) this.sessions.set(session.accessKeyId, session);
    for (const service of stored.services) this.services.set(service.serviceId, service);
    for (const endpoint of stored.endpoints) {
      this.addEndpoint(endpoint);
      if (endpoint.next) this.nextDueAt = Math.min(this.nextDueAt, endpoint.next.at);
    }
    for (const [key, id] of Object.entries(stored.clientTokens)) this.clientTokens.set(key, id);
    for (const group of stored.securityGroups ?? []) this.securityGroups.set(group.groupId, group);
    for (const instance of stored.instances ?? []) this.instances.set(instance.instanceId, instance);
    this.elbv2.load(stored.elbv2);
    this.lattice.load(stored.lattice);
    this.ram.load(stored.ram);
    for (const [key, address] of Object.entries(stored.dataPlaneAddresses ?? {})) this.dataPlaneAddresses.set(key, address);
    for (const [name, values] of Object.entries(stored.publicDnsTxt ?? {})) this.publicDnsTxt.set(name, values);
  }

  addAccount(account: MadeAccount): void {
    addCustomerNetwork(account.accountId);
    this.accounts.set(account.accountId, account);
  }

  schedule(endpoint: Endpoint, state: EndpointState, at: number): void {
    endpoint.next = { state, at };
    this.nextDueAt = Math.min(this.nextDueAt, at);
  }
}

export function readStateFile(path: string): StoredState | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || !("version" in parsed) || parsed.version !== 1) {
    throw new Error(`${path} is not a sandbox state file (version 1)`);
  }
  return parsed as StoredState;
}

/** Writes through a temporary file so a crash never leaves half a file behind; creates the folder on first write. */
export function writeStateFile(path: string, state: SandboxState): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, JSON.stringify(state.toJSON()));
  renameSync(temporary, path);
}

export function hexId(length = 17): string {
  return randomBytes(Math.ceil(length / 2))
    .toString("hex")
    .slice(0, length);
}

export function requestId(): string {
  const hex = randomBytes(16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What vpc-lattice callers create for resource endpoints: resource gateways and resource configurations. */

export interface ResourceGatewayRecord {
  id: string;
  arn: string;
  name: string;
  ownerId: string;
  region: string;
  vpcId: string;
  subnetIds: string[];
  /** The zones of its subnets: a resource endpoint's subnets must be in one of them. */
  zoneIds: string[];
  securityGroupIds: string[];
  ipAddressType: string;
  ipv4AddressesPerEni: number;
  resourceConfigDnsResolution: "IN_VPC" | "PUBLIC";
  tags: Record<string, string>;
  /** Epoch ms on the sandbox clock: CREATE_IN_PROGRESS until delays.pendingMs have passed. */
  createdAt: number;
  fingerprint: string;
}

export type ResourceDefinition =
  { dnsResource: { domainName: string; ipAddressType: string } } | { ipResource: { ipAddress: string } } | { arnResource: { arn: string } };

export interface ResourceConfigurationRecord {
  id: string;
  arn: string;
  name: string;
  ownerId: string;
  region: string;
  type: "SINGLE" | "ARN";
  gatewayId: string;
  portRanges: string[];
  protocol: "TCP";
  definition: ResourceDefinition;
  allowAssociationToShareableServiceNetwork: boolean;
  customDomainName?: string;
  tags: Record<string, string>;
  createdAt: number;
  fingerprint: string;
}

export interface StoredLattice {
  gateways: ResourceGatewayRecord[];
  configurations: ResourceConfigurationRecord[];
}

export class LatticeStore {
  gateways = new Map<string, ResourceGatewayRecord>();
  configurations = new Map<string, ResourceConfigurationRecord>();

  /** A configuration by its ARN (any account's). */
  configurationByArn(arn: string): ResourceConfigurationRecord | undefined {
    const id = /:resourceconfiguration\/(rcfg-[0-9a-z]{17})$/.exec(arn)?.[1];
    const record = id ? this.configurations.get(id) : undefined;
    return record?.arn === arn ? record : undefined;
  }

  clear(): void {
    this.gateways.clear();
    this.configurations.clear();
  }

  toJSON(): StoredLattice {
    return { gateways: [...this.gateways.values()], configurations: [...this.configurations.values()] };
  }

  load(stored: StoredLattice | undefined): void {
    this.clear();
    for (const gateway of stored?.gateways ?? []) this.gateways.set(gateway.id, gateway);
    for (const configuration of stored?.configurations ?? []) this.configurations.set(configuration.id, configuration);
  }
}

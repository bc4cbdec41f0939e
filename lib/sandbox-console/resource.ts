import "server-only";
import type { EC2Client } from "@aws-sdk/client-ec2";
import { CreateResourceShareCommand, GetResourceShareAssociationsCommand, type RAMClient, type ResourceShareAssociation } from "@aws-sdk/client-ram";
import {
  CreateResourceConfigurationCommand,
  CreateResourceGatewayCommand,
  GetResourceConfigurationCommand,
  ListResourceConfigurationsCommand,
  type ResourceConfigurationDefinition,
  type VPCLatticeClient,
} from "@aws-sdk/client-vpc-lattice";
import { customerNetwork } from "./build";
import type { SandboxResource, SandboxResourceDefinition } from "./schemas";

// The customer's side of a resource link, as the resource kits build it (lib/setup-kits/resource-*.ts): no load balancer, a
// VPC Lattice resource gateway in the account's VPC, a resource configuration naming the resource, and an AWS RAM share of
// it with the vendor's account, whose invitation the vendor accepts when it verifies the link. Plain functions over AWS
// clients, as build.ts.

export type ResourceClients = { ec2: EC2Client; lattice: VPCLatticeClient; ram: RAMClient };

export type CustomerResourceSpec = {
  /** The gateway's, the configuration's and the share's name. */
  name: string;
  resource: SandboxResourceDefinition;
  /** The account the configuration is shared with; null: not shared. */
  shareWith: string | null;
};

function definitionOf(resource: SandboxResourceDefinition): { type: "ARN" | "SINGLE"; portRanges?: string[]; definition: ResourceConfigurationDefinition } {
  if (resource.type === "rds") return { type: "ARN", definition: { arnResource: { arn: resource.rdsArn } } };
  return { type: "SINGLE", portRanges: [String(resource.port)], definition: { ipResource: { ipAddress: resource.ipAddress } } };
}

/** The gateway in the account's first two zones, the configuration on it, and the share; answers the configuration's ARN. */
export async function buildCustomerResource({ ec2, lattice, ram }: ResourceClients, spec: CustomerResourceSpec): Promise<string> {
  const { vpcId, subnets } = await customerNetwork(ec2, "a resource gateway");
  const gateway = await lattice.send(new CreateResourceGatewayCommand({ name: spec.name, vpcIdentifier: vpcId, subnetIds: subnets.map((s) => s.SubnetId!) }));
  const { type, portRanges, definition } = definitionOf(spec.resource);
  const configuration = await lattice.send(
    new CreateResourceConfigurationCommand({
      name: spec.name,
      type,
      resourceGatewayIdentifier: gateway.id,
      portRanges,
      resourceConfigurationDefinition: definition,
    }),
  );
  if (spec.shareWith) {
    await ram.send(
      new CreateResourceShareCommand({ name: spec.name, resourceArns: [configuration.arn!], principals: [spec.shareWith], allowExternalPrincipals: true }),
    );
  }
  return configuration.arn!;
}

/** What a configuration names, in one string. */
function resourceOf(definition: ResourceConfigurationDefinition | undefined): string {
  return definition?.arnResource?.arn ?? definition?.ipResource?.ipAddress ?? definition?.dnsResource?.domainName ?? "";
}

/** The account's configurations in the region (a list names no resource, so each is read), with their shares' principals and whether each accepted. */
export async function describeResources({ lattice, ram }: ResourceClients): Promise<SandboxResource[]> {
  const [summaries, shared, principals] = await Promise.all([
    pages((nextToken) => lattice.send(new ListResourceConfigurationsCommand({ nextToken })).then((page) => ({ items: page.items, nextToken: page.nextToken }))),
    associations(ram, "RESOURCE"),
    associations(ram, "PRINCIPAL"),
  ]);
  const configurations = await Promise.all(
    summaries.map((summary) => lattice.send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: summary.id }))),
  );
  return configurations.map((configuration) => {
    const shareArns = new Set(shared.filter((a) => a.associatedEntity === configuration.arn).map((a) => a.resourceShareArn));
    return {
      configurationId: configuration.id ?? "",
      configurationArn: configuration.arn ?? "",
      name: configuration.name ?? "",
      type: configuration.type ?? "",
      resource: resourceOf(configuration.resourceConfigurationDefinition),
      portRanges: configuration.portRanges ?? [],
      status: configuration.status ?? "",
      gatewayId: configuration.resourceGatewayId ?? "",
      shares: principals
        .filter((a) => shareArns.has(a.resourceShareArn))
        .map((a) => ({ shareArn: a.resourceShareArn ?? "", principal: a.associatedEntity ?? "", status: a.status ?? "" })),
    };
  });
}

function associations(ram: RAMClient, associationType: "RESOURCE" | "PRINCIPAL"): Promise<ResourceShareAssociation[]> {
  return pages((nextToken) =>
    ram
      .send(new GetResourceShareAssociationsCommand({ associationType, nextToken }))
      .then((page) => ({ items: page.resourceShareAssociations, nextToken: page.nextToken })),
  );
}

/** Every page of a list. */
async function pages<T>(read: (nextToken: string | undefined) => Promise<{ items?: T[]; nextToken?: string }>): Promise<T[]> {
  const all: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await read(nextToken);
    all.push(...(page.items ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}

import "server-only";
import {
  AcceptVpcEndpointConnectionsCommand,
  DeleteVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicePermissionsCommand,
  DescribeVpcsCommand,
  EC2Client,
  ModifyVpcEndpointServicePermissionsCommand,
  RejectVpcEndpointConnectionsCommand,
  type UnsuccessfulItem,
} from "@aws-sdk/client-ec2";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { RAMClient } from "@aws-sdk/client-ram";
import { VPCLatticeClient } from "@aws-sdk/client-vpc-lattice";
import { organizationOf, type Ctx, type VerbArgs } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { principalArnForSetup } from "@/lib/orgs/principal";
import { sandboxAccountOf, type SandboxAccount } from "./account";
import { buildCustomerService, type CustomerClients } from "./build";
import { databaseTarget } from "./default-target";
import { builtInSandbox, type BuiltInSandbox } from "./detect";
import { changeListener, changeLoadBalancerSetting, changeTarget, describeLoadBalancers } from "./load-balancer";
import { buildCustomerResource, describeResources, type ResourceClients } from "./resource";
import {
  sandboxConsoleViewSchema,
  type AllowPrincipalInput,
  type ConnectionActionInput,
  type ConsoleScope,
  type CreateSandboxResourceInput,
  type CreateSandboxServiceInput,
  type DeleteSandboxServiceInput,
  type ListenerActionInput,
  type LoadBalancerSettingInput,
  type SandboxConsoleView,
  type SandboxResource,
  type SandboxService,
  type TargetActionInput,
} from "./schemas";

// The web server makes the calls a customer would make in their own account, signed with the keys of the organization's
// own sandbox account (account.ts), whatever a request names; the browser never talks to the sandbox. Every verb is absent
// (404) unless the app runs against the built-in sandbox.

type Clients = CustomerClients & ResourceClients & { account: SandboxAccount };

async function sandboxFor(ctx: Ctx): Promise<BuiltInSandbox> {
  organizationOf(ctx);
  const sandbox = await builtInSandbox(ctx.engine);
  if (!sandbox) throw new AppError("not_found", "The sandbox console exists only when the portal runs against the built-in sandbox AWS.");
  return sandbox;
}

async function clientsFor(ctx: Ctx, { region }: ConsoleScope): Promise<Clients> {
  const sandbox = await sandboxFor(ctx);
  const account = await sandboxAccountOf(ctx, sandbox);
  if (!Object.keys(account.loadBalancers).includes(region)) {
    throw new AppError("validation_failed", `The sandbox has no region ${region}.`, { invalidParams: [{ name: "region", reason: "Not a sandbox region" }] });
  }
  const config = { endpoint: sandbox.endpoint, region, credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey } };
  return {
    ec2: new EC2Client(config),
    elb: new ElasticLoadBalancingV2Client(config),
    lattice: new VPCLatticeClient(config),
    ram: new RAMClient(config),
    account,
  };
}

/** An AWS refusal as a sentence for the console, with AWS's code beside it. */
async function aws<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const { name, message } = error as { name?: string; message?: string };
    throw new AppError("conflict", `AWS refused: ${message ?? "unknown error"} (${name ?? "Error"})`, { cause: error });
  }
}

function refuseUnsuccessful(items: UnsuccessfulItem[] | undefined): void {
  const failed = items?.[0]?.Error;
  if (failed) throw new AppError("conflict", `AWS refused: ${failed.Message ?? "unknown error"} (${failed.Code ?? "Error"})`);
}

async function organizationPrincipal(ctx: Ctx): Promise<string> {
  const organization = await ctx.engine.db.organization.findUniqueOrThrow({
    where: { id: organizationOf(ctx) },
    select: { id: true, slug: true, principalArn: true },
  });
  return principalArnForSetup(ctx, organization);
}

export async function readSandboxConsole({ ctx, input }: VerbArgs<Partial<ConsoleScope>>): Promise<SandboxConsoleView> {
  const region = input.region ?? "us-east-1";
  const clients = await clientsFor(ctx, { region });
  const [{ ServiceConfigurations = [] }, { Vpcs = [] }, resources] = await Promise.all([
    aws(clients.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({}))),
    aws(clients.ec2.send(new DescribeVpcsCommand({}))),
    aws(describeResources(clients)),
  ]);
  const services = await Promise.all(ServiceConfigurations.map((service) => serviceView(clients, service.ServiceId!, service)));
  const principalArn = await organizationPrincipal(ctx);
  return sandboxConsoleViewSchema.parse({
    regions: Object.keys(clients.account.loadBalancers),
    organizationPrincipalArn: principalArn,
    vendorAccountId: accountOfRoleArn(principalArn),
    accountId: clients.account.accountId,
    region,
    defaultTarget: await databaseTarget(ctx.engine),
    services,
    vpcCidr: Vpcs[0]?.CidrBlock ?? null,
    resources,
  });
}

async function serviceView(
  clients: CustomerClients,
  serviceId: string,
  service: { ServiceName?: string; ServiceState?: string; AcceptanceRequired?: boolean; NetworkLoadBalancerArns?: string[]; AvailabilityZones?: string[] },
): Promise<SandboxService> {
  const { ec2 } = clients;
  const [{ AllowedPrincipals = [] }, { VpcEndpointConnections = [] }, loadBalancers] = await Promise.all([
    aws(ec2.send(new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: serviceId }))),
    aws(ec2.send(new DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: "service-id", Values: [serviceId] }] }))),
    aws(describeLoadBalancers(clients, service.NetworkLoadBalancerArns ?? [])),
  ]);
  return {
    serviceId,
    serviceName: service.ServiceName ?? "",
    state: service.ServiceState ?? "",
    acceptanceRequired: service.AcceptanceRequired ?? true,
    loadBalancerArns: service.NetworkLoadBalancerArns ?? [],
    availabilityZones: service.AvailabilityZones ?? [],
    allowedPrincipals: AllowedPrincipals.map((p) => p.Principal ?? "").filter(Boolean),
    connections: VpcEndpointConnections.map((c) => ({
      endpointId: c.VpcEndpointId ?? "",
      ownerAccountId: c.VpcEndpointOwner ?? "",
      state: c.VpcEndpointState ?? "",
      createdAt: c.CreationTimestamp?.toISOString() ?? null,
    })),
    loadBalancers,
  };
}

/** What the setup kits build (build.ts), by default allowing the organization's principal and targeting the portal's own database. */
export async function createSandboxService({ ctx, input }: VerbArgs<CreateSandboxServiceInput>): Promise<SandboxService> {
  const clients = await clientsFor(ctx, input);
  const target = input.target ?? (await databaseTarget(ctx.engine));
  if (!target) {
    throw new AppError("validation_failed", "Name the target: a TCP service on a loopback address.", {
      invalidParams: [{ name: "target", reason: "Required: the portal's database does not listen on loopback" }],
    });
  }
  const built = await aws(
    buildCustomerService(clients, {
      name: input.name,
      port: input.port,
      target,
      acceptanceRequired: input.acceptanceRequired,
      allowedPrincipals: input.allowOrganizationPrincipal ? [await organizationPrincipal(ctx)] : [],
    }),
  );
  ctx.log.info({ serviceId: built.serviceId, accountId: clients.account.accountId }, "sandbox console: endpoint service created");
  const { ServiceConfigurations = [] } = await aws(clients.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [built.serviceId] })));
  return serviceView(clients, built.serviceId, ServiceConfigurations[0]!);
}

/**
 * What the resource kits build (resource.ts), by default shared with the vendor's account: the account of the organization's
 * principal, which accepts the invitation when it verifies a resource link.
 */
export async function createSandboxResource({ ctx, input }: VerbArgs<CreateSandboxResourceInput>): Promise<SandboxResource> {
  const clients = await clientsFor(ctx, input);
  const shareWith = input.shareWithVendor ? accountOfRoleArn(await organizationPrincipal(ctx)) : null;
  const arn = await aws(buildCustomerResource(clients, { name: input.name, resource: input.resource, shareWith }));
  ctx.log.info({ resourceConfigurationArn: arn, accountId: clients.account.accountId }, "sandbox console: resource configuration created");
  const resources = await aws(describeResources(clients));
  return resources.find((resource) => resource.configurationArn === arn)!;
}

/** `arn:aws:iam::<account>:role/...`'s account. */
function accountOfRoleArn(arn: string): string {
  const account = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(arn)?.[1];
  if (!account) throw new AppError("conflict", `The organization's principal ${arn} names no AWS account to share with.`);
  return account;
}

export async function allowSandboxPrincipal({ ctx, input }: VerbArgs<AllowPrincipalInput>): Promise<void> {
  const { ec2 } = await clientsFor(ctx, input);
  await aws(ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: input.serviceId, AddAllowedPrincipals: [input.principalArn] })));
}

/** Accepts or rejects a connection request; rejecting an accepted (available) one revokes it, as in AWS. */
export async function answerSandboxConnection({ ctx, input }: VerbArgs<ConnectionActionInput>): Promise<void> {
  const { ec2 } = await clientsFor(ctx, input);
  const Command = input.action === "accept" ? AcceptVpcEndpointConnectionsCommand : RejectVpcEndpointConnectionsCommand;
  const { Unsuccessful } = await aws(ec2.send(new Command({ ServiceId: input.serviceId, VpcEndpointIds: [input.endpointId] })));
  refuseUnsuccessful(Unsuccessful);
}

export async function deleteSandboxService({ ctx, input }: VerbArgs<DeleteSandboxServiceInput>): Promise<void> {
  const { ec2 } = await clientsFor(ctx, input);
  const { Unsuccessful } = await aws(ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [input.serviceId] })));
  refuseUnsuccessful(Unsuccessful);
}

/** Registers or deregisters a target: deregistering the only one leaves every zone without a healthy target. */
export async function changeSandboxTarget({ ctx, input }: VerbArgs<TargetActionInput>): Promise<void> {
  await aws(changeTarget(await clientsFor(ctx, input), input));
}

/** Deletes a listener (nothing answers on its port) or creates one forwarding to a target group. */
export async function changeSandboxListener({ ctx, input }: VerbArgs<ListenerActionInput>): Promise<void> {
  await aws(changeListener(await clientsFor(ctx, input), input));
}

/** Turns enforcement of inbound rules on PrivateLink traffic, or cross-zone load balancing, on or off. */
export async function changeSandboxLoadBalancer({ ctx, input }: VerbArgs<LoadBalancerSettingInput>): Promise<void> {
  await aws(changeLoadBalancerSetting(await clientsFor(ctx, input), input));
}

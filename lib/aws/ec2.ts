import "server-only";
import {
  CreateVpcEndpointCommand,
  DeleteVpcEndpointsCommand,
  DescribeAvailabilityZonesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeVpcEndpointAssociationsCommand,
  DescribeVpcEndpointServicesCommand,
  ModifyVpcEndpointCommand,
  paginateDescribeVpcEndpoints,
  type EC2Client,
  type Filter,
  type VpcEndpoint,
} from "@aws-sdk/client-ec2";
import { AwsCallError, awsCall, awsPages, classifyAwsError } from "./errors";

// Adapters from EC2's shapes to plain types; every failure leaves as an AwsCallError. EC2's limits: 200 values across a
// request's filters, pages of 1000 endpoints, 25 ids a DeleteVpcEndpoints call.
export const MAX_FILTER_VALUES = 200;
export const MAX_PAGE = 1000;
export const DELETE_BATCH = 25;

export type EndpointServiceDetails = {
  serviceName: string;
  serviceId: string;
  serviceType: string[];
  owner: string;
  acceptanceRequired: boolean;
  /** AZ names in the caller's own mapping; turn them into AZ IDs with zoneIdsByName. */
  availabilityZones: string[];
  /** AZ IDs, when AWS sends them (the same in every account). */
  availabilityZoneIds?: string[];
  privateDnsName?: string;
  privateDnsNameVerificationState?: string;
  supportedIpAddressTypes: string[];
  serviceRegion?: string;
};

function defined<T>(values: (T | undefined)[] | undefined): T[] {
  return (values ?? []).filter((value): value is T => value !== undefined);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Invisible and unknown services are the same to AWS (InvalidServiceName); `principal` is the ARN to allowlist in that sentence. */
export async function describeEndpointService(
  ec2: EC2Client,
  serviceName: string,
  options: { serviceRegion?: string; principal?: string } = {},
): Promise<EndpointServiceDetails> {
  const context = { operation: "ec2:DescribeVpcEndpointServices", principal: options.principal };
  const answer = await awsCall(
    ec2.send(
      new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName], ServiceRegions: options.serviceRegion ? [options.serviceRegion] : undefined }),
    ),
    context,
  );
  const detail = answer.ServiceDetails?.find((d) => d.ServiceName === serviceName);
  if (!detail?.ServiceId) {
    const error = { name: "InvalidServiceName", message: `The Vpc Endpoint Service '${serviceName}' does not exist`, $fault: "client" };
    throw new AwsCallError(classifyAwsError(error, context));
  }
  return {
    serviceName,
    serviceId: detail.ServiceId,
    serviceType: defined(detail.ServiceType?.map((t) => t.ServiceType)),
    owner: detail.Owner ?? "",
    acceptanceRequired: detail.AcceptanceRequired ?? false,
    availabilityZones: [...(detail.AvailabilityZones ?? [])].sort(),
    ...(detail.AvailabilityZoneIds?.length ? { availabilityZoneIds: [...detail.AvailabilityZoneIds].sort() } : {}),
    ...(detail.PrivateDnsName ? { privateDnsName: detail.PrivateDnsName } : {}),
    ...(detail.PrivateDnsNameVerificationState ? { privateDnsNameVerificationState: detail.PrivateDnsNameVerificationState } : {}),
    supportedIpAddressTypes: [...(detail.SupportedIpAddressTypes ?? [])],
    ...(detail.ServiceRegion ? { serviceRegion: detail.ServiceRegion } : {}),
  };
}

/** The caller's AZ name -> AZ ID mapping in the client's region (it differs per account). */
export async function zoneIdsByName(ec2: EC2Client): Promise<Map<string, string>> {
  const { AvailabilityZones: zones } = await awsCall(ec2.send(new DescribeAvailabilityZonesCommand({})), {
    operation: "ec2:DescribeAvailabilityZones",
  });
  const map = new Map<string, string>();
  for (const zone of zones ?? []) if (zone.ZoneName && zone.ZoneId) map.set(zone.ZoneName, zone.ZoneId);
  return map;
}

export type EndpointState = "pendingAcceptance" | "pending" | "available" | "rejected" | "deleting" | "deleted" | "failed" | "expired";

export type EndpointSnapshot = {
  endpointId: string;
  /** AWS's state string as is (see EndpointState); unknown future states pass through. */
  state: string;
  /** Interface, Resource, … */
  type: string;
  /** What it connects to: the endpoint service name, or a Resource endpoint's resource configuration ARN. */
  serviceName: string;
  vpcId: string;
  subnetIds: string[];
  /** The regional name first, then one zonal name per AZ, as AWS lists them. */
  dnsEntries: { dnsName: string; hostedZoneId: string }[];
  tags: Record<string, string>;
  /** One per subnet, as AWS lists them. */
  networkInterfaceIds: string[];
  privateDnsEnabled: boolean;
  createdAt?: Date;
  lastError?: { code: string; message: string };
};

export function toSnapshot(endpoint: VpcEndpoint): EndpointSnapshot {
  const tags: Record<string, string> = {};
  for (const tag of endpoint.Tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? "";
  const lastError =
    endpoint.LastError?.Code || endpoint.LastError?.Message
      ? { code: endpoint.LastError.Code ?? "", message: endpoint.LastError.Message ?? "" }
      : endpoint.FailureReason
        ? { code: "FailureReason", message: endpoint.FailureReason }
        : undefined;
  return {
    endpointId: endpoint.VpcEndpointId ?? "",
    state: endpoint.State ?? "",
    type: endpoint.VpcEndpointType ?? "Interface",
    serviceName: endpoint.ServiceName || endpoint.ResourceConfigurationArn || "",
    vpcId: endpoint.VpcId ?? "",
    subnetIds: [...(endpoint.SubnetIds ?? [])],
    dnsEntries: (endpoint.DnsEntries ?? []).flatMap((entry) => (entry.DnsName ? [{ dnsName: entry.DnsName, hostedZoneId: entry.HostedZoneId ?? "" }] : [])),
    tags,
    networkInterfaceIds: [...(endpoint.NetworkInterfaceIds ?? [])],
    privateDnsEnabled: endpoint.PrivateDnsEnabled ?? false,
    ...(endpoint.CreationTimestamp ? { createdAt: endpoint.CreationTimestamp } : {}),
    ...(lastError ? { lastError } : {}),
  };
}

export type CreateEndpointInput = {
  vpcId: string;
  subnetIds: string[];
  securityGroupIds: string[];
  // The same token with the same parameters (tags included) answers the endpoint made the first time, so a retry after a
  // lost answer never creates a second one. Derive it from the link.
  clientToken: string;
  tags: Record<string, string>;
} & (
  | {
      serviceName: string;
      serviceRegion?: string;
      /** For the InvalidServiceName sentence. */
      principal?: string;
    }
  | { resourceConfigurationArn: string }
);

/** An Interface endpoint to an endpoint service, or a Resource endpoint to a resource configuration shared with us. */
export async function createEndpoint(ec2: EC2Client, input: CreateEndpointInput): Promise<EndpointSnapshot> {
  const tags = Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value }));
  const target =
    "resourceConfigurationArn" in input
      ? { VpcEndpointType: "Resource" as const, ResourceConfigurationArn: input.resourceConfigurationArn }
      : { VpcEndpointType: "Interface" as const, ServiceName: input.serviceName, ServiceRegion: input.serviceRegion };
  const answer = await awsCall(
    ec2.send(
      new CreateVpcEndpointCommand({
        ...target,
        VpcId: input.vpcId,
        SubnetIds: input.subnetIds,
        SecurityGroupIds: input.securityGroupIds.length ? input.securityGroupIds : undefined,
        ClientToken: input.clientToken,
        TagSpecifications: tags.length ? [{ ResourceType: "vpc-endpoint", Tags: tags }] : undefined,
        // Always off at creation: a private name is switched on once the endpoint is available (enablePrivateDns), so a
        // refusal of the name never stops the endpoint itself.
        PrivateDnsEnabled: false,
      }),
    ),
    { operation: "ec2:CreateVpcEndpoint", principal: "principal" in input ? input.principal : undefined },
  );
  if (!answer.VpcEndpoint?.VpcEndpointId) {
    throw new AwsCallError({
      kind: "transient",
      code: "EmptyResponse",
      message: "CreateVpcEndpoint answered without an endpoint; the call will be retried with the same client token.",
    });
  }
  return toSnapshot(answer.VpcEndpoint);
}

/** Idempotent: AWS accepts PrivateDnsEnabled=true on an endpoint that has it already. */
export async function enablePrivateDns(ec2: EC2Client, endpointId: string): Promise<void> {
  await awsCall(ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: endpointId, PrivateDnsEnabled: true })), { operation: "ec2:ModifyVpcEndpoint" });
}

export type InterfaceAddress = { networkInterfaceId: string; subnetId: string; availabilityZoneId: string; privateIpAddress: string };

// By the `network-interface-id` filter, not NetworkInterfaceIds: an id AWS has already forgotten (the endpoint moved subnets)
// fails an ids call whole, while a filter leaves it out. An endpoint has at most one interface per zone: one call.
export async function describeInterfaceAddresses(ec2: EC2Client, ids: string[]): Promise<InterfaceAddress[]> {
  if (ids.length === 0) return [];
  const answer = await awsCall(ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: "network-interface-id", Values: ids }] })), {
    operation: "ec2:DescribeNetworkInterfaces",
  });
  return (answer.NetworkInterfaces ?? []).flatMap((eni) =>
    eni.NetworkInterfaceId && eni.PrivateIpAddress
      ? [
          {
            networkInterfaceId: eni.NetworkInterfaceId,
            subnetId: eni.SubnetId ?? "",
            availabilityZoneId: eni.AvailabilityZoneId ?? "",
            privateIpAddress: eni.PrivateIpAddress,
          },
        ]
      : [],
  );
}

/** `liveOnly` leaves out endpoints in state `deleted`, which AWS keeps listing for a while. */
export type DescribeEndpointsQuery = ({ ids: string[] } | { tag: { key: string; values?: string[] } }) & { liveOnly?: boolean };

const LIVE_STATES: EndpointState[] = ["pendingAcceptance", "pending", "available", "rejected", "deleting", "failed", "expired"];

// In as few calls as EC2 allows: a sweep by tag key costs ceil(endpoints / 1000) calls. Ids go through the `vpc-endpoint-id`
// filter, not VpcEndpointIds: one id AWS has forgotten fails a VpcEndpointIds call whole (InvalidVpcEndpointId.NotFound),
// while a filter leaves it out, so an endpoint missing from the answer is gone.
export async function describeEndpoints(ec2: EC2Client, query: DescribeEndpointsQuery): Promise<EndpointSnapshot[]> {
  const seen = new Map<string, EndpointSnapshot>();
  for await (const page of describeEndpointPages(ec2, query)) for (const snapshot of page) seen.set(snapshot.endpointId, snapshot);
  return [...seen.values()];
}

/** Each page is asked for only once the caller is done with the one before: a sweep of thousands of endpoints holds one page. */
export async function* describeEndpointPages(ec2: EC2Client, query: DescribeEndpointsQuery): AsyncGenerator<EndpointSnapshot[]> {
  for (const filters of filterBatches(query)) {
    const pages = paginateDescribeVpcEndpoints({ client: ec2, pageSize: MAX_PAGE }, { Filters: filters });
    for await (const page of awsPages(pages, { operation: "ec2:DescribeVpcEndpoints" })) yield (page.VpcEndpoints ?? []).map(toSnapshot);
  }
}

function filterBatches(query: DescribeEndpointsQuery): Filter[][] {
  const live: Filter[] = query.liveOnly ? [{ Name: "vpc-endpoint-state", Values: LIVE_STATES }] : [];
  const valueRoom = MAX_FILTER_VALUES - (live[0]?.Values?.length ?? 0);
  if ("ids" in query) return chunks([...new Set(query.ids)], valueRoom).map((ids) => [{ Name: "vpc-endpoint-id", Values: ids }, ...live]);
  if (query.tag.values === undefined) return [[{ Name: "tag-key", Values: [query.tag.key] }, ...live]];
  return chunks([...new Set(query.tag.values)], valueRoom).map((values) => [{ Name: `tag:${query.tag.key}`, Values: values }, ...live]);
}

export type DeleteEndpointsResult = { unsuccessful: { id: string; code: string; message: string }[] };

const GONE = new Set(["InvalidVpcEndpoint.NotFound", "InvalidVpcEndpointId.NotFound"]);

/** Idempotent: an endpoint AWS no longer knows counts as deleted, so `unsuccessful` holds only real refusals. */
export async function deleteEndpoints(ec2: EC2Client, ids: string[]): Promise<DeleteEndpointsResult> {
  const unsuccessful: DeleteEndpointsResult["unsuccessful"] = [];
  for (const batch of chunks([...new Set(ids)], DELETE_BATCH)) {
    const answer = await awsCall(ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: batch })), { operation: "ec2:DeleteVpcEndpoints" });
    for (const item of answer.Unsuccessful ?? []) {
      const code = item.Error?.Code ?? "Unknown";
      if (GONE.has(code)) continue;
      unsuccessful.push({ id: item.ResourceId ?? "", code, message: item.Error?.Message ?? "" });
    }
  }
  return { unsuccessful };
}

/** A Resource endpoint's association with its resource configuration: its DNS names, and whether it still reaches it. */
export type ResourceAssociation = {
  endpointId: string;
  accessible: boolean;
  failure?: { code: string; message: string };
  dnsName?: string;
  privateDnsName?: string;
};

/** By the `vpc-endpoint-id` filter, 200 ids a call (MaxResults 1000); an endpoint missing from the answer has no association. */
export async function describeResourceAssociations(ec2: EC2Client, endpointIds: string[]): Promise<ResourceAssociation[]> {
  const found: ResourceAssociation[] = [];
  for (const ids of chunks([...new Set(endpointIds)], MAX_FILTER_VALUES)) {
    let nextToken: string | undefined;
    do {
      const answer = await awsCall(
        ec2.send(
          new DescribeVpcEndpointAssociationsCommand({ Filters: [{ Name: "vpc-endpoint-id", Values: ids }], MaxResults: MAX_PAGE, NextToken: nextToken }),
        ),
        { operation: "ec2:DescribeVpcEndpointAssociations" },
      );
      for (const association of answer.VpcEndpointAssociations ?? []) {
        if (!association.VpcEndpointId) continue;
        const accessible = association.AssociatedResourceAccessibility !== "Inaccessible";
        found.push({
          endpointId: association.VpcEndpointId,
          accessible,
          ...(accessible ? {} : { failure: { code: association.FailureCode ?? "Inaccessible", message: association.FailureReason ?? "" } }),
          ...(association.DnsEntry?.DnsName ? { dnsName: association.DnsEntry.DnsName } : {}),
          ...(association.PrivateDnsEntry?.DnsName ? { privateDnsName: association.PrivateDnsEntry.DnsName } : {}),
        });
      }
      nextToken = answer.NextToken;
    } while (nextToken);
  }
  return found;
}

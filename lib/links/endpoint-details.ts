import "server-only";
import { describeEndpoints, describeInterfaceAddresses, enablePrivateDns, type EndpointSnapshot } from "@/lib/aws/ec2";
import { AwsCallError } from "@/lib/aws/errors";
import type { Link } from "@/lib/db/generated/client";
import type { Ctx, VerbArgs } from "@/lib/context";
import { defineJob, isRunAgain, retriedQueue, type RunAgain } from "@/lib/jobs/define";
import { endpointAddressesOf } from "./columns";
import { loadLinkJob, type LinkJob } from "./job-link";
import { recordStayingEvent } from "./persist";
import { linkJobSchema, type EndpointAddress } from "./schemas";

// What an available link learns of its endpoint as the organization's principal: the private DNS name switched on
// (ModifyVpcEndpoint PrivateDnsEnabled=true; the endpoint is always created without it) and the network interfaces' private
// IPs per zone. Queued when the link becomes available and by the reconciler when the endpoint's interfaces differ from those
// read last (or a private name asked for is not on yet): never once per link per pass.

/** AWS's sentence when another endpoint in our VPC holds the name (see docs/SANDBOX.md, Private DNS names). */
const CONFLICT = /conflicting DNS domain/i;

export async function runEndpointDetails({ ctx, input: { linkId } }: VerbArgs<{ linkId: string }>): Promise<RunAgain | void> {
  const job = await loadLinkJob(ctx, linkId, "available");
  if (!job) return;
  if (isRunAgain(job)) return job;
  const { link, ec2 } = job;
  if (!link.endpointId) return;
  const [endpoint] = await describeEndpoints(ec2, { ids: [link.endpointId] });
  if (!endpoint || endpoint.state !== "available") return; // the reconciler moves the link
  if (needsPrivateDns(link, endpoint)) await switchOnPrivateDns(ctx, job, endpoint);
  let interfaces;
  try {
    interfaces = await describeInterfaceAddresses(ec2, endpoint.networkInterfaceIds);
  } catch (error) {
    // A refusal (a role from before DescribeNetworkInterfaces was allowed gets it on its next use): the stored ids still
    // differ, so the reconciler's next settled look asks again.
    if (!(error instanceof AwsCallError) || error.retryable) throw error;
    ctx.log.warn({ linkId: link.id, awsCode: error.failure.code }, "could not read the endpoint's network interfaces");
    return;
  }
  const addresses: EndpointAddress[] = interfaces
    .map((i) => ({ azId: i.availabilityZoneId, subnetId: i.subnetId, networkInterfaceId: i.networkInterfaceId, privateIpAddress: i.privateIpAddress }))
    .sort((a, b) => a.azId.localeCompare(b.azId) || a.networkInterfaceId.localeCompare(b.networkInterfaceId));
  await recordAddresses(ctx, link, addresses);
}

export function needsPrivateDns(link: Pick<Link, "privateDns" | "privateDnsName">, endpoint: Pick<EndpointSnapshot, "privateDnsEnabled">): boolean {
  return link.privateDns && link.privateDnsName !== null && !endpoint.privateDnsEnabled;
}

/** The interface ids as the link stores them, to compare with the endpoint's. */
export function interfaceIdsKey(ids: string[]): string[] {
  return [...ids].sort();
}

async function switchOnPrivateDns(ctx: Ctx, { link, ec2 }: LinkJob, endpoint: EndpointSnapshot): Promise<void> {
  try {
    await enablePrivateDns(ec2, endpoint.endpointId);
  } catch (error) {
    // Throttling and outages: the job is retried. A refusal stays on the link, which stays available on its own names; the
    // reconciler asks again on its settled cadence, so a conflict that goes away heals.
    if (!(error instanceof AwsCallError) || error.retryable) throw error;
    const conflict = CONFLICT.test(error.failure.message);
    ctx.log.warn({ linkId: link.id, awsCode: error.failure.code, awsMessage: error.failure.message }, "private DNS refused");
    await ctx.engine.db.link.updateMany({
      where: { id: link.id, state: "available" },
      data: {
        lastErrorCode: conflict ? "private_dns_conflict" : error.failure.code,
        lastError: conflict
          ? `Another endpoint in our VPC already uses ${link.privateDnsName}: the link works on its endpoint names until the name is free.`
          : `AWS refused the private DNS name ${link.privateDnsName}: ${error.failure.message}`,
      },
    });
    return;
  }
  await ctx.engine.db.link.updateMany({ where: { id: link.id, state: "available" }, data: { privateDnsEnabled: true, lastError: null, lastErrorCode: null } });
}

async function recordAddresses(ctx: Ctx, link: Link, addresses: EndpointAddress[]): Promise<void> {
  const before = endpointAddressesOf(link);
  const changed = JSON.stringify(before) !== JSON.stringify(addresses);
  await ctx.engine.db.$transaction(async (tx) => {
    const updated = await tx.link.updateMany({
      where: { id: link.id, state: "available" },
      data: { networkInterfaceIds: interfaceIdsKey(addresses.map((a) => a.networkInterfaceId)), ...(changed ? { endpointAddresses: addresses } : {}) },
    });
    if (updated.count === 0 || !changed) return;
    // Webhooks subscribed to link.addresses_changed get the link with its new addresses.
    await recordStayingEvent(tx, link, {
      kind: "addresses",
      reason: addresses.length ? addresses.map((a) => `${a.azId} ${a.privateIpAddress}`).join(", ") : "no network interfaces",
    });
  });
}

export const endpointDetailsJob = defineJob({
  name: "link-endpoint-details",
  schema: linkJobSchema,
  options: (settings) => retriedQueue(settings),
  singletonKey: ({ linkId }) => linkId,
  concurrency: 4,
  handle: runEndpointDetails,
});

import "server-only";
import { createEndpoint, deleteEndpoints, describeEndpoints, type CreateEndpointInput } from "@/lib/aws/ec2";
import { AwsCallError } from "@/lib/aws/errors";
import { peekToken, takeToken } from "@/lib/db/token-bucket";
import { defineJob, isRunAgain, retriedQueue, type RunAgain } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/queue";
import { TAG_LINK_ID, TAG_ORGANIZATION_ID } from "@/lib/aws/tags";
import { SYSTEM_ACTOR, type Ctx, type VerbArgs } from "@/lib/context";
import { describeServiceAs, STALE_ENDPOINT_STATES, subnetsFor, taggedEndpoints } from "./aws";
import { deleteLinkJob } from "./delete-link";
import { endpointDetailsJob } from "./endpoint-details";
import { loadLinkJob } from "./job-link";
import { dnsNamesOf, observe } from "./observe";
import { moveLink, StaleLinkError } from "./persist";
import { probeWhenAvailable } from "./probes/schedule";
import { suggestedAzIds } from "./columns";
import { adoptableOrphan, settleOrphan } from "./orphans";
import { provisionJobSchema } from "./schemas";

// One interface endpoint per link, as the organization's principal. Idempotent twice over: an endpoint tagged with the
// link is adopted, and the ClientToken makes AWS itself return the same endpoint for a rerun create. The create token
// is taken right before CreateVpcEndpoint, so creates reach EC2 spaced at its budget.
export async function runProvisioning({
  ctx,
  input: { linkId, replacing = [] },
}: VerbArgs<{ linkId: string; replacing?: string[] }>): Promise<RunAgain | void> {
  const job = await loadLinkJob(ctx, linkId, "provisioning");
  if (!job) return;
  if (isRunAgain(job)) return job;
  const { link, principal, ec2 } = job;
  const { engine } = ctx;
  const { db } = engine;

  // Waiting before the describes too: a burst of waiting links would spend the describe budget the reconciler needs.
  const bucket = `ec2:create-vpc-endpoint:${link.region}`;
  const free = await peekToken(db, bucket, engine.budgets.create);
  if (!free.ok) return { retryAfterMs: free.waitMs };

  // An earlier attempt's failed or refused endpoint is deleted, never adopted: a create with its client token would hand
  // it back, or be refused if the region's network changed since.
  const tagged = await taggedEndpoints(ec2, link.id);
  if (replacing.length > 0) {
    const known = new Set(tagged.map((e) => e.endpointId));
    const earlier = await describeEndpoints(ec2, { ids: replacing.filter((id) => !known.has(id)) });
    tagged.push(...earlier.filter((e) => e.state !== "deleted" && e.state !== "deleting"));
  }
  const stale = tagged.filter((e) => STALE_ENDPOINT_STATES.has(e.state)).map((e) => e.endpointId);
  if (stale.length > 0) {
    const deletion = await takeToken(db, `ec2:delete-vpc-endpoints:${link.region}`, engine.budgets.delete);
    if (!deletion.ok) return { retryAfterMs: deletion.waitMs };
    const { unsuccessful } = await deleteEndpoints(ec2, stale);
    if (unsuccessful.length > 0) throw new Error(`could not delete the failed endpoint(s) ${unsuccessful.map((u) => `${u.id} (${u.code})`).join(", ")}`);
    ctx.log.info({ linkId: link.id, endpointIds: stale }, "deleted the failed endpoint of an earlier attempt");
  }
  let endpoint = tagged.find((e) => !STALE_ENDPOINT_STATES.has(e.state));
  // An orphan of the same service (say, this link's own endpoint from before a restored backup) rather than a second one.
  const adopted = endpoint ? undefined : await adoptableOrphan(ctx, link, ec2);
  endpoint ??= adopted;
  if (!endpoint) {
    const vendorRegion = await db.vendorRegion.findUniqueOrThrow({ where: { region: link.region } });
    const tags = { Name: `privatelink-${link.name}`.slice(0, 255), [TAG_LINK_ID]: link.id, [TAG_ORGANIZATION_ID]: link.organizationId };
    // The version changes with every move: a retry gets a new token, a crashed worker's rerun reuses this one.
    const common = { vpcId: vendorRegion.vpcId, securityGroupIds: vendorRegion.securityGroupIds, clientToken: `link-${link.id}-v${link.version}`, tags };
    let input: CreateEndpointInput;
    if (link.kind === "resource") {
      // A consumer cannot read the resource gateway's zones: every zone we use, and AWS refuses when none is the gateway's.
      input = { ...common, resourceConfigurationArn: link.serviceName, subnetIds: subnetsFor(vendorRegion, null) };
    } else {
      const service = await describeServiceAs(engine, link, principal.credentials, principal.arn);
      if ("failure" in service) return fail(ctx, link, service.failure.code, service.failure.message);
      const subnetIds = subnetsFor(vendorRegion, link.serviceRegion === link.region ? service.availabilityZoneIds : null);
      if (subnetIds.length === 0) {
        return fail(
          ctx,
          link,
          "NoSharedAvailabilityZone",
          `Your service no longer shares an Availability Zone we use. Enable your load balancer in one of ${suggestedAzIds(vendorRegion).join(", ")}, then ask us to retry.`,
        );
      }
      input = { ...common, serviceName: link.serviceName, subnetIds, ...(link.serviceRegion !== link.region ? { serviceRegion: link.serviceRegion } : {}) };
    }

    const token = await takeToken(db, bucket, engine.budgets.create);
    if (!token.ok) return { retryAfterMs: token.waitMs };
    try {
      endpoint = await createEndpoint(ec2, input);
    } catch (error) {
      if (error instanceof AwsCallError && !error.retryable) return fail(ctx, link, error.failure.code, error.failure.message);
      throw error;
    }
  }

  const seen = endpoint;
  const observation = observe("provisioning", seen);
  try {
    await db.$transaction(async (tx) => {
      // A resource endpoint has no acceptance step: the link stays provisioning, holding its endpoint, until it is available.
      if (!observation && link.kind === "resource") {
        const held = await tx.link.updateMany({
          where: { id: link.id, state: link.state, version: link.version },
          data: { endpointId: seen.endpointId, version: { increment: 1 } },
        });
        if (held.count === 0) throw new StaleLinkError(link.id);
        return;
      }
      await moveLink(tx, link, {
        to: observation?.to ?? "pending_acceptance",
        reason: `${observation?.reason ?? "endpoint created"}${adopted ? ` (adopted endpoint ${adopted.endpointId})` : ""}`,
        actor: SYSTEM_ACTOR,
        data: {
          endpointId: seen.endpointId,
          dnsNames: dnsNamesOf(seen),
          lastError: observation?.error?.message ?? null,
          lastErrorCode: observation?.error?.code ?? null,
        },
      });
      if (observation?.to === "available") {
        await probeWhenAvailable(tx, ctx, link.id);
        await enqueue(tx, endpointDetailsJob, { linkId: link.id }, { ctx });
      }
    });
    if (adopted) await settleOrphan(ctx, adopted.endpointId, "adopted", link.id);
  } catch (error) {
    if (!(error instanceof StaleLinkError)) throw error;
    // Deleted while we created: make sure the endpoint goes too.
    const now = await db.link.findUniqueOrThrow({ where: { id: link.id } });
    if (now.state === "deleting") {
      await db.$transaction(async (tx) => {
        await tx.link.updateMany({ where: { id: link.id, endpointId: null }, data: { endpointId: seen.endpointId } });
        await enqueue(tx, deleteLinkJob, { linkId: link.id }, { ctx });
      });
    } else if (now.state === "deleted") {
      await deleteEndpoints(ec2, [seen.endpointId]);
    }
  }
}

async function fail(ctx: Ctx, link: Parameters<typeof moveLink>[1], code: string, message: string): Promise<void> {
  // The line that ties a refused CreateVpcEndpoint to the request that asked for the link (ctx.requestId).
  ctx.log.warn({ linkId: link.id, awsCode: code, awsMessage: message }, "provisioning failed");
  try {
    await ctx.engine.db.$transaction((tx) =>
      moveLink(tx, link, { to: "failed", reason: `provisioning failed (${code})`, actor: SYSTEM_ACTOR, data: { lastError: message, lastErrorCode: code } }),
    );
  } catch (error) {
    if (!(error instanceof StaleLinkError)) throw error;
  }
}

export const provisionLinkJob = defineJob({
  name: "link-provision",
  schema: provisionJobSchema,
  options: (settings) => retriedQueue(settings),
  singletonKey: ({ linkId }) => linkId,
  concurrency: 4,
  handle: runProvisioning,
});

import "server-only";
import { ec2Client } from "@/lib/aws/config";
import { createInterfaceEndpoint, deleteEndpoints } from "@/lib/aws/ec2";
import { AwsCallError } from "@/lib/aws/errors";
import { peekToken, takeToken } from "@/lib/db/token-bucket";
import { defineJob, retriedQueue, type RunAgain } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/queue";
import { TAG_LINK_ID, TAG_ORGANIZATION_ID } from "@/lib/aws/tags";
import { SYSTEM_ACTOR, type Ctx, type VerbArgs } from "@/lib/context";
import { describeServiceAs, subnetsFor, taggedEndpoints } from "./aws";
import { deleteLinkJob } from "./delete-link";
import { dnsNamesOf, observe } from "./observe";
import { moveLink, StaleLinkError } from "./persist";
import { ensureOrganizationPrincipal } from "@/lib/orgs/principal";
import { subnetsOf } from "./columns";
import { linkJobSchema } from "./schemas";

/**
 * The provision job: one interface endpoint per link, created as the organization's principal.
 * Idempotent twice over: an endpoint already tagged with the link is adopted instead of creating
 * a second, and the ClientToken is derived from the link, so AWS itself returns the same endpoint
 * for a retried create. The token of EC2's create budget for the region is taken right before
 * CreateVpcEndpoint, so creates reach EC2 spaced at its budget; throttling and outages are
 * retried by the job with backoff; a permanent error fails the link with its sentence.
 */
export async function runProvisioning({ ctx, input: { linkId } }: VerbArgs<{ linkId: string }>): Promise<RunAgain | void> {
  const { engine } = ctx;
  const { db } = engine;
  const link = await db.link.findUnique({ where: { id: linkId }, include: { organization: true } });
  if (!link || link.state !== "provisioning") return;
  const principal = await ensureOrganizationPrincipal(engine, link.organization);
  const ec2 = ec2Client(engine.aws, link.region, principal.credentials);

  // A link waiting in the create queue waits before its describes too: a burst of waiting links
  // would otherwise spend the describe budget the reconciler needs.
  const bucket = `ec2:create-vpc-endpoint:${link.region}`;
  const free = await peekToken(db, bucket, engine.budgets.create);
  if (!free.ok) return { retryAfterMs: free.waitMs };

  let endpoint = (await taggedEndpoints(ec2, link.id))[0];
  if (!endpoint) {
    const vendorRegion = await db.vendorRegion.findUniqueOrThrow({ where: { region: link.region } });
    const service = await describeServiceAs(engine, link, principal.credentials, principal.arn);
    if ("failure" in service) return fail(ctx, link, service.failure.code, service.failure.message);
    const subnets = subnetsFor(subnetsOf(vendorRegion), link.serviceRegion === link.region ? service.availabilityZoneIds : null);
    if (subnets.length === 0) {
      return fail(
        ctx,
        link,
        "NoSharedAvailabilityZone",
        "Your service no longer shares an Availability Zone with us. Enable your load balancer in one of our zones, then ask us to retry.",
      );
    }

    const token = await takeToken(db, bucket, engine.budgets.create);
    if (!token.ok) return { retryAfterMs: token.waitMs };
    try {
      endpoint = await createInterfaceEndpoint(ec2, {
        vpcId: vendorRegion.vpcId,
        serviceName: link.serviceName,
        subnetIds: subnets,
        securityGroupIds: vendorRegion.securityGroupIds,
        clientToken: `link-${link.id}`,
        tags: { Name: `privatelink-${link.name}`.slice(0, 255), [TAG_LINK_ID]: link.id, [TAG_ORGANIZATION_ID]: link.organizationId },
        ...(link.serviceRegion !== link.region ? { serviceRegion: link.serviceRegion } : {}),
      });
    } catch (error) {
      if (error instanceof AwsCallError && !error.retryable) return fail(ctx, link, error.failure.code, error.failure.message);
      throw error;
    }
  }

  const seen = endpoint;
  const observation = observe("provisioning", seen);
  try {
    await db.$transaction(async (tx) => {
      await moveLink(tx, link, {
        to: observation?.to ?? "pending_acceptance",
        reason: observation?.reason ?? "endpoint created",
        actor: SYSTEM_ACTOR,
        data: {
          endpointId: seen.endpointId,
          dnsNames: dnsNamesOf(seen),
          lastError: observation?.error?.message ?? null,
          lastErrorCode: observation?.error?.code ?? null,
        },
      });
    });
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
  schema: linkJobSchema,
  options: (settings) => retriedQueue(settings),
  singletonKey: ({ linkId }) => linkId,
  concurrency: 4,
  handle: runProvisioning,
});

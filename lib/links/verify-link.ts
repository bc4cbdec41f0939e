import "server-only";
import { recordAudit } from "@/lib/audit";
import { vendorAccount } from "@/lib/aws/principals";
import type { Link, Organization } from "@/lib/db/generated/client";
import { SYSTEM_ACTOR, type Ctx, type VerbArgs } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { defineJob, isRunAgain, retriedQueue, type RunAgain } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/queue";
import { proofInstructions } from "@/lib/orgs/aws-accounts";
import { entitlementsFor } from "@/lib/plans/entitlements";
import { ENTITLEMENT_WORDS } from "@/lib/plans/schemas";
import { describeServiceAs } from "./aws";
import { evaluateChecks, type PrivateDnsHolder, type Verdict, type VerifyInput } from "./checks";
import { loadLinkJob } from "./job-link";
import { authorizeAction, findLinkFor, moveLink, StaleLinkError, takeAction } from "./persist";
import { provisionLinkJob } from "./provision-link";
import { subnetsOf } from "./columns";
import { linkJobSchema } from "./schemas";
import { evaluateResourceChecks } from "./resource-checks";
import { gatherResourceFacts } from "./resource-verify";
import { gatherTrustFacts } from "./trust";
import { toLinkView, type LinkView } from "./views";

// Checks as the organization's principal, then the trust boundary. If another organization took the service meanwhile,
// the database refuses the move (persist.ts) and the link fails its exclusive_service check.
export async function runVerification({ ctx, input: { linkId } }: VerbArgs<{ linkId: string }>): Promise<RunAgain | void> {
  const job = await loadLinkJob(ctx, linkId, "verifying");
  if (!job) return;
  if (isRunAgain(job)) return job;
  const { link, principal } = job;
  const { engine } = ctx;
  const org = link.organization;
  const vendorRegion = await engine.db.vendorRegion.findUnique({ where: { region: link.region } });
  const [vendor, instructions] = await Promise.all([vendorAccount(engine.aws), proofInstructions(engine, org)]);

  if (link.kind === "resource") {
    const input = await gatherResourceFacts(engine, link, org, principal, {
      region: link.region,
      ports: link.ports,
      vendorRegionOffered: vendorRegion?.isOffered ?? false,
      vendorAccountId: vendor.accountId,
      proof: instructions,
      principalArn: principal.arn,
    });
    // A configuration still being made is moments from ACTIVE: look again rather than fail the link.
    if (input.configuration && "status" in input.configuration && IN_PROGRESS.test(input.configuration.status)) return { retryAfterMs: IN_PROGRESS_RETRY_MS };
    await settleOrRetake(ctx, link, org, evaluateResourceChecks(input), () => evaluateResourceChecks({ ...input, isTakenElsewhere: true }));
    return;
  }

  const input: VerifyInput = {
    serviceName: link.serviceName,
    region: link.region,
    serviceRegion: link.serviceRegion,
    principalArn: principal.arn,
    mode: engine.principals.mode,
    vendorAccountId: vendor.accountId,
    proof: instructions,
    vendorRegion: vendorRegion
      ? {
          isOffered: vendorRegion.isOffered,
          subnets: subnetsOf(vendorRegion),
          crossRegionTo: vendorRegion.crossRegionTo,
          excludedAzIds: vendorRegion.excludedAzIds,
        }
      : null,
    service: null,
    trust: null,
  };
  if (vendorRegion?.isOffered) input.service = await describeServiceAs(engine, link, principal.credentials, principal.arn);
  if (input.service && !("failure" in input.service)) {
    input.trust = await gatherTrustFacts(engine, link, org, input.service.owner);
    input.privateDns = { asked: link.privateDns, holder: link.privateDns ? await privateDnsHolder(ctx, link, input.service.privateDnsName) : null };
  }
  const taken = () => evaluateChecks({ ...input, trust: input.trust && { ...input.trust, isTakenElsewhere: true } });
  try {
    await settleOrRetake(ctx, link, org, evaluateChecks(input), taken);
  } catch (error) {
    // Another link claimed the name between our look and our move: it is committed now, so the second look names it.
    if (error instanceof AppError && error.code === "private_dns_conflict" && input.service && !("failure" in input.service)) {
      const holder = (await privateDnsHolder(ctx, link, input.service.privateDnsName)) ?? { sameOrganization: false as const };
      await settleVerification(ctx, link, org, evaluateChecks({ ...input, privateDns: { asked: true, holder } }));
      return;
    }
    throw error;
  }
}

const IN_PROGRESS = /^(CREATE|UPDATE)_IN_PROGRESS$/;
const IN_PROGRESS_RETRY_MS = 5_000;

/** If another organization took the service meanwhile, the database refuses the move and `taken` is settled instead. */
async function settleOrRetake(ctx: Ctx, link: Link, org: Organization, verdict: Verdict, taken: () => Verdict): Promise<void> {
  try {
    await settleVerification(ctx, link, org, verdict);
  } catch (error) {
    if (error instanceof AppError && error.code === "service_in_use" && verdict.passed) {
      await settleVerification(ctx, link, org, taken());
      return;
    }
    if (!(error instanceof StaleLinkError)) throw error; // someone deleted or re-verified it meanwhile
  }
}

async function settleVerification(ctx: Ctx, link: Link, { approvalMode, plan: organizationPlan }: Organization, verdict: Verdict): Promise<void> {
  const trust = {
    serviceOwnerAccountId: verdict.trust.serviceOwnerAccountId,
    allowlistScope: verdict.trust.allowlistScope,
    ownerProof: verdict.trust.ownerProof,
  };
  if (verdict.failure) ctx.log.info({ linkId: link.id, check: verdict.failure.name, awsCode: verdict.failure.awsCode }, "verification failed");
  await ctx.engine.db.$transaction(async (tx) => {
    const checks = verdict.checks;
    if (!verdict.passed) {
      await moveLink(tx, link, {
        to: "verification_failed",
        reason: `check ${verdict.failure!.name} failed`,
        actor: SYSTEM_ACTOR,
        data: { checks, ...trust, privateDnsName: null, lastError: verdict.failure!.detail, lastErrorCode: verdict.errorCode },
      });
      return;
    }
    // The plan may have lost what the link needs since registration (a verify again comes later still): a vendor admin decides.
    const plan = await tx.plan.findUniqueOrThrow({ where: { key: organizationPlan } });
    const lacking = entitlementsFor(link).find((entitlement) => !plan[entitlement]);
    const isAutomatic = approvalMode === "automatic" && !lacking;
    const waiting = lacking
      ? `checks passed; the ${plan.name} plan lacks ${ENTITLEMENT_WORDS[lacking]}, so a vendor admin decides`
      : "checks passed; waiting for a vendor admin";
    await moveLink(tx, link, {
      to: isAutomatic ? "provisioning" : "pending_approval",
      reason: isAutomatic ? "checks passed; approved automatically" : waiting,
      actor: SYSTEM_ACTOR,
      data: { checks, ...trust, privateDnsName: verdict.privateDnsName, lastError: null, lastErrorCode: null },
    });
    if (isAutomatic) await enqueue(tx, provisionLinkJob, { linkId: link.id }, { ctx });
  });
}

/** The live link in the same region of ours (one VPC) that holds `name`, if any; another organization's is not named. */
async function privateDnsHolder(ctx: Ctx, link: Link, name: string | undefined): Promise<PrivateDnsHolder | null> {
  if (!name) return null;
  const holder = await ctx.engine.db.link.findFirst({
    where: {
      id: { not: link.id },
      region: link.region,
      privateDnsName: { equals: name, mode: "insensitive" },
      state: { notIn: [...PRIVATE_DNS_FREE] },
    },
    select: { id: true, name: true, organizationId: true },
  });
  if (!holder) return null;
  return holder.organizationId === link.organizationId ? { sameOrganization: true, linkId: holder.id, linkName: holder.name } : { sameOrganization: false };
}

/** The states the exclusion constraint Link_privateDnsName_one_per_region leaves out. */
const PRIVATE_DNS_FREE = ["verifying", "verification_failed", "denied", "deleted"] as const;

export async function reverifyLink({ ctx, input }: VerbArgs<{ linkId: string }>): Promise<LinkView> {
  authorizeAction(ctx, "verify");
  const moved = await ctx.engine.db.$transaction(async (tx) => {
    const link = await findLinkFor(tx, ctx, input.linkId);
    const moved = await takeAction(tx, link, "verify", { reason: "verify again requested", actor: ctx.actor, data: { lastError: null, lastErrorCode: null } });
    await recordAudit(tx, ctx, { organizationId: link.organizationId, action: "link.verify", target: { type: "link", id: link.id } });
    await enqueue(tx, verifyLinkJob, { linkId: link.id }, { ctx });
    return moved;
  });
  return toLinkView(moved, ctx);
}

/** The example job definition (docs/ARCHITECTURE.md); its handler gets a system ctx with the queuer's request id. */
export const verifyLinkJob = defineJob({
  name: "link-verify",
  schema: linkJobSchema,
  options: (settings) => retriedQueue(settings),
  singletonKey: ({ linkId }) => linkId,
  concurrency: 4,
  handle: runVerification,
});

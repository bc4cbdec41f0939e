import "server-only";
import { recordAudit } from "@/lib/audit";
import { organizationOf, type Ctx, type VerbArgs } from "@/lib/context";
import { limiter, serialiser } from "@/lib/db/admission";
import { violatesConstraint } from "@/lib/db/constraints";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/queue";
import { effectiveLinkQuota, requireEntitlement } from "@/lib/plans/entitlements";
import { partsOfConfigurationArn, regionOfServiceName, type CreateLinkInput } from "./schemas";
import { FREES_REGISTRATION, GONE } from "./state-machine";
import { requireVerifiedAddress } from "./verified-address";
import { verifyLinkJob } from "./verify-link";
import { toLinkView, type LinkView } from "./views";

/** Unique within an organization, ignoring case, among links not deleted (the migration's exclusion constraint). */
const NAME_CONSTRAINT = "Link_name_one_per_organization";

function nameTaken(name: string): AppError {
  return new AppError("conflict", `Your organization already has a link named "${name}".`, {
    invalidParams: [{ name: "name", reason: `You already have a link named "${name}"; choose another name` }],
  });
}

// A burst without failures: per process, one organization's registrations run one at a time and at most
// REGISTRATIONS_IN_FLIGHT at once, well under pg's pool of 10, so the rest wait in memory holding no connection and
// Prisma's timeouts measure the database, not the queue (the advisory lock still serialises across processes). Before,
// a 500 registration burst lost most of itself to P2028 while transactions held connections waiting on the lock.
export const REGISTRATIONS_IN_FLIGHT = 4;
const admitted = limiter(REGISTRATIONS_IN_FLIGHT);
const oneAtATime = serialiser();
const TRANSACTION_LIMITS = { maxWait: 30_000, timeout: 30_000 };
/** The TLS port of a link whose customer named none: the probe checks the certificate there, and takes every other port (22 too) as plain TCP. */
const DEFAULT_TLS_PORT = 443;

export async function registerLink({ ctx, input }: VerbArgs<CreateLinkInput>): Promise<LinkView> {
  const organizationId = organizationOf(ctx);
  const link = await oneAtATime(organizationId, () => admitted(() => register(ctx, organizationId, input)));
  return toLinkView(link, ctx);
}

/**
 * What the endpoint connects to and the region it is in. A service may be in another region than ours (cross-region); a
 * resource configuration may not: AWS makes resource endpoints in the configuration's own region only.
 */
function targetOf(input: CreateLinkInput): { target: string; serviceRegion: string } {
  if (input.kind === "resource") {
    const { region } = partsOfConfigurationArn(input.resourceConfigurationArn)!;
    if (region !== input.region) {
      throw new AppError("validation_failed", `The resource configuration is in ${region}, not ${input.region}.`, {
        invalidParams: [
          {
            name: "resourceConfigurationArn",
            reason: `A resource endpoint reaches configurations in its own region only: register the link in ${region}, or create the configuration in ${input.region}`,
          },
        ],
      });
    }
    return { target: input.resourceConfigurationArn, serviceRegion: region };
  }
  const nameRegion = regionOfServiceName(input.serviceName);
  const serviceRegion = input.serviceRegion ?? nameRegion ?? input.region;
  if (nameRegion && serviceRegion !== nameRegion) {
    throw new AppError("validation_failed", "The service region does not match the service name.", {
      invalidParams: [{ name: "serviceRegion", reason: `The service name says ${nameRegion}` }],
    });
  }
  return { target: input.serviceName, serviceRegion };
}

async function register(ctx: Ctx, organizationId: string, input: CreateLinkInput) {
  const { db } = ctx.engine;
  await requireVerifiedAddress(db, ctx.actor);
  const org = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, include: { entitlements: true } });
  await requireEntitlement(db, org.entitlements, "privateLinks");

  const { target, serviceRegion } = targetOf(input);
  if (serviceRegion !== input.region) await requireEntitlement(db, org.entitlements, "crossRegion");
  if (input.kind === "resource") await requireEntitlement(db, org.entitlements, "resourceEndpoints");
  const regions = await db.vendorRegion.findMany({ where: { isOffered: true }, select: { region: true, ports: true } });
  const region = regions.find((r) => r.region === input.region);
  if (!region) {
    throw new AppError("validation_failed", `We do not offer connections in ${input.region}.`, {
      invalidParams: [{ name: "region", reason: `Choose one of ${regions.map((r) => r.region).join(", ") || "our regions (none is configured yet)"}` }],
    });
  }

  // What the service listens on is not knowable here (its load balancer is in the customer's account), so the default
  // is every port the region offers; the connectivity probe then shows which of them answer.
  const ports = [...new Set(input.ports ?? region.ports)];
  const unoffered = ports.filter((port) => !region.ports.includes(port));
  if (unoffered.length) {
    throw new AppError("validation_failed", `We do not connect to port ${unoffered.join(", ")} in ${input.region}.`, {
      invalidParams: [{ name: "ports", reason: `Choose among ${region.ports.join(", ")}` }],
    });
  }
  const tlsPorts = input.tlsPorts ?? ports.filter((port) => port === DEFAULT_TLS_PORT);
  const foreign = tlsPorts.filter((port) => !ports.includes(port));
  if (foreign.length) {
    throw new AppError("validation_failed", "A TLS port must be one of the link's ports.", {
      invalidParams: [
        { name: "tlsPorts", reason: `${foreign.join(", ")} ${foreign.length > 1 ? "are" : "is"} not among the link's ports (${ports.join(", ")})` },
      ],
    });
  }

  return db.$transaction(async (tx) => {
    // Serialise registrations of one organization so the quota cannot be overrun by a burst.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`links:${organizationId}`}))`;
    const active = await tx.link.count({ where: { organizationId, state: { notIn: [...GONE] } } });
    const quota = effectiveLinkQuota(org, org.entitlements);
    if (active >= quota) {
      throw new AppError("quota_exceeded", `Your organization has ${active} of ${quota} links; delete one or ask us to raise the quota.`);
    }
    const sameName = await tx.link.findFirst({
      where: { organizationId, name: { equals: input.name, mode: "insensitive" }, state: { notIn: [...GONE] } },
      select: { id: true },
    });
    if (sameName) throw nameTaken(input.name);
    const duplicate = await tx.link.findFirst({
      where: { organizationId, serviceName: target, region: input.region, state: { notIn: [...FREES_REGISTRATION] } },
      select: { id: true },
    });
    if (duplicate) {
      const what = input.kind === "resource" ? "resource configuration" : "service";
      throw new AppError("conflict", `This ${what} is already connected in ${input.region} as link ${duplicate.id}.`);
    }

    const link = await tx.link
      .create({
        data: {
          organizationId,
          name: input.name,
          kind: input.kind ?? "service",
          serviceName: target,
          serviceRegion,
          resourceShareArn: input.kind === "resource" ? (input.resourceShareArn ?? null) : null,
          region: input.region,
          ports,
          tlsPorts: [...new Set(tlsPorts)],
          privateDns: input.kind === "resource" ? false : (input.privateDns ?? false),
          state: "verifying",
        },
      })
      .catch((error: unknown) => {
        throw violatesConstraint(error, NAME_CONSTRAINT) ? nameTaken(input.name) : error;
      });
    await tx.linkEvent.create({
      data: { linkId: link.id, organizationId, fromState: null, toState: "verifying", reason: "registered", actorType: ctx.actor.type, actorId: ctx.actor.id },
    });
    await recordAudit(tx, ctx, {
      organizationId,
      action: "link.register",
      target: { type: "link", id: link.id },
      metadata: { kind: input.kind ?? "service", [input.kind === "resource" ? "resourceConfigurationArn" : "serviceName"]: target, region: input.region },
    });
    await enqueue(tx, verifyLinkJob, { linkId: link.id }, { ctx });
    return link;
  }, TRANSACTION_LIMITS);
}

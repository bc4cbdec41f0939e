import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit";
import { requireVendorAdmin, type Ctx, type VerbArgs } from "@/lib/context";
import type { Prisma, SsoDomain } from "@/lib/db/generated/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { lookupProofRecords } from "./dns-proof";
import { holdsProof, proofRecordName, proofRecordValue } from "./domain-proof";
import { requireOwner } from "./access";
import { ssoDomainViewSchema, type ClaimSsoDomainInput, type SsoDomainView } from "./schemas";

// A claimed domain names whose people an organization's provider may sign in (and join): only once verified, by a TXT record
// the organization published (so it holds the domain's DNS) or by a vendor admin. Several organizations may claim a domain;
// the database lets one at most hold it verified (SsoDomain_verified_one_organization), and a verify that would make a second
// is a 409.

export const MAX_SSO_DOMAINS = 50;

export function toSsoDomainView(row: SsoDomain): SsoDomainView {
  return ssoDomainViewSchema.parse({
    id: row.id,
    domain: row.domain,
    verified: row.verifiedAt !== null,
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    verifiedBy: row.verifiedBy === "dns" || row.verifiedBy === "admin" ? row.verifiedBy : null,
    proofRecordName: proofRecordName(row.domain),
    proofRecordValue: proofRecordValue(row.verificationToken),
    lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
  });
}

const verifiedElsewhere = (domain: string) => new AppError("conflict", `${domain} is verified for another organization. Ask the vendor if it should be yours.`);

/** True when the exclusion constraint refused a second verified holder. */
function isVerifiedElsewhere(error: unknown): boolean {
  return error instanceof Error && /SsoDomain_verified_one_organization|exclusion constraint/i.test(error.message);
}

async function markVerified(tx: Prisma.TransactionClient, id: string, by: "dns" | "admin"): Promise<SsoDomain> {
  return tx.ssoDomain.update({ where: { id }, data: { verifiedAt: new Date(), verifiedBy: by, lastCheckedAt: new Date(), lastError: null } });
}

async function findDomain(ctx: Ctx, organizationId: string, id: string): Promise<SsoDomain> {
  const row = await ctx.engine.db.ssoDomain.findFirst({ where: { id, organizationId } });
  if (!row) throw new AppError("not_found", `No claimed domain ${id} in your organization.`);
  return row;
}

export async function claimSsoDomain({ ctx, input }: VerbArgs<ClaimSsoDomainInput>): Promise<SsoDomainView> {
  const organizationId = requireOwner(ctx);
  const row = await ctx.engine.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sso-domains:${organizationId}`}))`;
    if (await tx.ssoDomain.findFirst({ where: { organizationId, domain: input.domain }, select: { id: true } })) {
      throw new AppError("conflict", `Your organization already claims ${input.domain}.`);
    }
    if (await tx.ssoDomain.findFirst({ where: { domain: input.domain, verifiedAt: { not: null } }, select: { id: true } })) {
      throw verifiedElsewhere(input.domain);
    }
    if ((await tx.ssoDomain.count({ where: { organizationId } })) >= MAX_SSO_DOMAINS) {
      throw new AppError("quota_exceeded", `Your organization claims ${MAX_SSO_DOMAINS} domains; remove one first.`);
    }
    const created = await tx.ssoDomain.create({ data: { organizationId, domain: input.domain, verificationToken: randomBytes(24).toString("base64url") } });
    await recordAudit(tx, ctx, {
      organizationId,
      action: "sso_domain.claim",
      target: { type: "sso_domain", id: created.id },
      metadata: { domain: input.domain },
    });
    return created;
  });
  return toSsoDomainView(row);
}

/** Looks the proof up in DNS now; the answer is the domain, verified or with `lastError` saying what was found. */
export async function verifySsoDomain({ ctx, input }: VerbArgs<{ id: string }>): Promise<SsoDomainView> {
  const organizationId = requireOwner(ctx);
  const row = await findDomain(ctx, organizationId, input.id);
  if (row.verifiedAt) return toSsoDomainView(row);
  const lookup = await lookupProofRecords(row.domain, getEnv());
  const proved = "records" in lookup && holdsProof(lookup.records, row.verificationToken);
  const { db } = ctx.engine;
  if (!proved) {
    const lastError =
      "error" in lookup ? lookup.error : `The TXT records at ${proofRecordName(row.domain)} do not hold ${proofRecordValue(row.verificationToken)}.`;
    return toSsoDomainView(await db.ssoDomain.update({ where: { id: row.id }, data: { lastCheckedAt: new Date(), lastError } }));
  }
  try {
    const verified = await db.$transaction(async (tx) => {
      const updated = await markVerified(tx, row.id, "dns");
      await recordAudit(tx, ctx, {
        organizationId,
        action: "sso_domain.verify",
        target: { type: "sso_domain", id: row.id },
        metadata: { domain: row.domain, by: "dns" },
      });
      return updated;
    });
    return toSsoDomainView(verified);
  } catch (error) {
    if (isVerifiedElsewhere(error)) throw verifiedElsewhere(row.domain);
    throw error;
  }
}

export async function removeSsoDomain({ ctx, input }: VerbArgs<{ id: string }>): Promise<SsoDomainView> {
  const organizationId = requireOwner(ctx);
  const row = await findDomain(ctx, organizationId, input.id);
  await ctx.engine.db.$transaction(async (tx) => {
    await tx.ssoDomain.delete({ where: { id: row.id } });
    await recordAudit(tx, ctx, { organizationId, action: "sso_domain.remove", target: { type: "sso_domain", id: row.id }, metadata: { domain: row.domain } });
  });
  return toSsoDomainView(row);
}

export async function adminListSsoDomains({ ctx, input }: VerbArgs<{ organizationId: string }>): Promise<{ data: SsoDomainView[] }> {
  requireVendorAdmin(ctx);
  await requireOrganization(ctx, input.organizationId);
  const rows = await ctx.engine.db.ssoDomain.findMany({ where: { organizationId: input.organizationId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return { data: rows.map(toSsoDomainView) };
}

async function requireOrganization(ctx: Ctx, id: string): Promise<void> {
  if (!(await ctx.engine.db.organization.findUnique({ where: { id }, select: { id: true } }))) throw new AppError("not_found", `No organization ${id}.`);
}

/** A vendor admin vouches for the domain (e.g. proved by contract): claimed for the organization if it was not, and verified. */
export async function adminVerifySsoDomain({ ctx, input }: VerbArgs<{ organizationId: string } & ClaimSsoDomainInput>): Promise<SsoDomainView> {
  requireVendorAdmin(ctx);
  const { organizationId, domain } = input;
  await requireOrganization(ctx, organizationId);
  try {
    const row = await ctx.engine.db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sso-domains:${organizationId}`}))`;
      const claimed =
        (await tx.ssoDomain.findFirst({ where: { organizationId, domain } })) ??
        (await tx.ssoDomain.create({ data: { organizationId, domain, verificationToken: randomBytes(24).toString("base64url") } }));
      if (claimed.verifiedAt) return claimed;
      const verified = await markVerified(tx, claimed.id, "admin");
      await recordAudit(tx, ctx, {
        organizationId,
        action: "sso_domain.verify",
        target: { type: "sso_domain", id: claimed.id },
        metadata: { domain, by: "admin" },
      });
      return verified;
    });
    return toSsoDomainView(row);
  } catch (error) {
    if (isVerifiedElsewhere(error)) throw verifiedElsewhere(domain);
    throw error;
  }
}

import "server-only";
import { randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/client";

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return slug || "org";
}

/** In the caller's transaction. Its AWS role waits for its first need (principal.ts): a sign-up alone makes none. */
export async function createOrganizationWithOwner(tx: Prisma.TransactionClient, { name, userId }: { name: string; userId: string }) {
  const base = slugify(name);
  const taken = await tx.organization.findUnique({ where: { slug: base }, select: { id: true } });
  const slug = taken ? `${base}-${randomBytes(3).toString("hex")}` : base;
  const organization = await tx.organization.create({ data: { slug, name } });
  await tx.membership.create({ data: { organizationId: organization.id, userId, role: "owner" } });
  return organization;
}

import "server-only";
import { randomBytes } from "node:crypto";
import type { Ctx } from "@/lib/context";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { hashPassword } from "./password";
import { signUpResultSchema, type SignUpInput, type SignUpResult } from "./schemas";

type Tx = Prisma.TransactionClient;

const EMAIL_TAKEN = new AppError("email_taken", "An account with this email already exists. Sign in instead.", {
  invalidParams: [{ name: "email", reason: "An account with this email already exists" }],
});

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

/** A new organization with `userId` as its owner; its slug is unique (a suffix when taken). */
export async function createOrganizationWithOwner(tx: Tx, { name, userId }: { name: string; userId: string }) {
  const base = slugify(name);
  const taken = await tx.organization.findUnique({ where: { slug: base }, select: { id: true } });
  const slug = taken ? `${base}-${randomBytes(3).toString("hex")}` : base;
  const organization = await tx.organization.create({ data: { slug, name } });
  await tx.membership.create({ data: { organizationId: organization.id, userId, role: "owner" } });
  return organization;
}

/**
 * Sign-up: a user, a new organization, the user its owner, and the audit row, in one transaction.
 * A customer role always: vendor admins are made by the CLI or the seed.
 */
export async function signUp({ ctx, input }: { ctx: Pick<Ctx, "requestId" | "engine">; input: SignUpInput }): Promise<SignUpResult> {
  const { db } = ctx.engine;
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw EMAIL_TAKEN;
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash, role: "customer" } });
      const organization = await createOrganizationWithOwner(tx, { name: input.organizationName, userId: user.id });
      await tx.auditLog.create({
        data: {
          organizationId: organization.id,
          actorType: "user",
          actorId: user.id,
          action: "user.sign_up",
          targetType: "user",
          targetId: user.id,
          requestId: ctx.requestId,
        },
      });
      return signUpResultSchema.parse({ user: { id: user.id, email: user.email, name: user.name }, organization: { id: organization.id, slug: organization.slug, name: organization.name } });
    });
  } catch (error) {
    // Two sign-ups with one email racing: the unique index decides, the loser gets the same answer.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw EMAIL_TAKEN;
    throw error;
  }
}

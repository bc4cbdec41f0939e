import "server-only";
import type { Ctx } from "@/lib/context";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { createOrganizationWithOwner } from "@/lib/orgs/create-organization";
import { hashPassword } from "./password";
import { signUpResultSchema, type SignUpInput, type SignUpResult } from "./schemas";

const EMAIL_TAKEN = new AppError("email_taken", "An account with this email already exists. Sign in instead.", {
  invalidParams: [{ name: "email", reason: "An account with this email already exists" }],
});

/** Always a customer: vendor admins are made by the CLI or the seed. */
export async function signUp({ ctx, input }: { ctx: Pick<Ctx, "requestId" | "engine">; input: SignUpInput }): Promise<SignUpResult> {
  const { db } = ctx.engine;
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw EMAIL_TAKEN;
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash, role: "customer" } });
      const organization = await createOrganizationWithOwner(tx, ctx, { name: input.organizationName, userId: user.id });
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
      return signUpResultSchema.parse({
        user: { id: user.id, email: user.email, name: user.name },
        organization: { id: organization.id, slug: organization.slug, name: organization.name },
      });
    });
  } catch (error) {
    // Two sign-ups with one email racing: the unique index decides, the loser gets the same answer.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw EMAIL_TAKEN;
    throw error;
  }
}

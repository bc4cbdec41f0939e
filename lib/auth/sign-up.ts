import "server-only";
import type { Ctx } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { appUrl } from "@/lib/env";
import { queueMail } from "@/lib/mail/outbox";
import { createOrganizationWithOwner } from "@/lib/orgs/create-organization";
import { queueVerificationMail } from "./email-verification";
import { hashPassword } from "./password";
import { signUpAnswerSchema, type SignUpAnswer, type SignUpInput } from "./schemas";
import { admitSignUp } from "./sign-up-limits";

type SignUpCtx = Pick<Ctx, "requestId" | "engine">;

// The answer never says whether the address had an account: for one that has, nothing is created or changed, and the password
// is hashed all the same, so both take about as long (the hash is most of it). The portal then signs in with what was typed;
// only the right password gets in.
/** Always a customer: vendor admins are made by the CLI or the seed. */
export async function signUp({ ctx, input, clientAddress }: { ctx: SignUpCtx; input: SignUpInput; clientAddress: string | null }): Promise<SignUpAnswer> {
  const { db } = ctx.engine;
  await admitSignUp(ctx.engine, { email: input.email, clientAddress });
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  const passwordHash = await hashPassword(input.password);
  if (existing) {
    await noteSignUpOfExistingAddress(db, ctx, existing.id);
  } else {
    try {
      await createAccount(db, ctx, input, passwordHash);
    } catch (error) {
      // Two sign-ups with one email racing: the unique index decides, and the loser is a sign-up of an existing address.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
      const winner = await db.user.findUniqueOrThrow({ where: { email: input.email }, select: { id: true } });
      await noteSignUpOfExistingAddress(db, ctx, winner.id);
    }
  }
  return signUpAnswerSchema.parse({ email: input.email, next: "sign_in" });
}

async function createAccount(db: Db, ctx: SignUpCtx, input: SignUpInput, passwordHash: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash, role: "customer" } });
    const organization = await createOrganizationWithOwner(tx, { name: input.organizationName, userId: user.id });
    await queueVerificationMail(tx, ctx, user);
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
  });
}

/** Someone signed up with the address of an account (docs/ARCHITECTURE.md, Sign-in): noted, and the owner is told by mail. */
export async function noteSignUpOfExistingAddress(db: Db, ctx: Pick<Ctx, "requestId">, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    const noted = await tx.auditLog.create({
      data: {
        organizationId: null,
        actorType: "system",
        actorId: null,
        action: "user.sign_up_existing_address",
        targetType: "user",
        targetId: userId,
        requestId: ctx.requestId,
      },
    });
    const data = { signInUrl: `${appUrl()}/sign-in`, resetUrl: `${appUrl()}/forgot-password` };
    await queueMail(tx, { key: `sign-up-existing:${noted.id}`, to: user.email, userId, template: "sign-up-existing", data }, { ctx });
  });
}

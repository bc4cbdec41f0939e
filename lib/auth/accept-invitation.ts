import "server-only";
import type { Ctx } from "@/lib/context";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { claimInvitation, usableInvitation } from "@/lib/orgs/invitations";
import type { AcceptInvitationInput, JoinedOrganization } from "@/lib/orgs/member-schemas";
import { queueVerificationMail } from "./email-verification";
import { hashPassword } from "./password";

const SIGN_IN_FIRST = new AppError("email_taken", "An account with the invited email already exists. Sign in with it, then open the invitation link again.");

// For an invitee without an account, made for the invited email (no organization of their own): holding the link entitles
// anyone to an account for that address, as a sign-up would. It does not verify the address: whoever invited holds the link
// too (it is shown to them once), so the account verifies its address as a sign-up's does.
export async function acceptInvitation({ ctx, input }: { ctx: Pick<Ctx, "requestId" | "engine">; input: AcceptInvitationInput }): Promise<JoinedOrganization> {
  const { email } = await usableInvitation(ctx.engine.db, input.token);
  if (await ctx.engine.db.user.findUnique({ where: { email }, select: { id: true } })) throw SIGN_IN_FIRST;
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.engine.db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name: input.name, passwordHash, role: "customer" } });
      await queueVerificationMail(tx, ctx, user);
      return claimInvitation(tx, ctx, { token: input.token, user });
    });
  } catch (error) {
    // Two acceptances racing to make the account: the unique email decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw SIGN_IN_FIRST;
    throw error;
  }
}

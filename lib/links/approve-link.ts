import "server-only";
import { recordAudit } from "@/lib/audit";
import type { VerbArgs } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/queue";
import { authorizeAction, findLinkFor, takeAction } from "./persist";
import { provisionLinkJob } from "./provision-link";
import { PLANS_WITH_PRIVATE_LINKS } from "./register-link";
import { toLinkView, type LinkView } from "./views";

/** The example verb (docs/ARCHITECTURE.md). */
export async function approveLink({ ctx, input }: VerbArgs<{ linkId: string }>): Promise<LinkView> {
  authorizeAction(ctx, "approve");
  const approved = await ctx.engine.db.$transaction(async (tx) => {
    const link = await findLinkFor(tx, ctx, input.linkId);
    const org = await tx.organization.findUniqueOrThrow({ where: { id: link.organizationId } });
    // The plan may have changed since registration.
    if (!(PLANS_WITH_PRIVATE_LINKS as readonly string[]).includes(org.plan)) {
      throw new AppError("plan_not_eligible", `${org.name} is on the ${org.plan} plan, which does not include private connectivity.`);
    }
    const moved = await takeAction(tx, link, "approve", { reason: "approved by a vendor admin", actor: ctx.actor });
    await recordAudit(tx, ctx, { organizationId: link.organizationId, action: "link.approve", target: { type: "link", id: link.id } });
    await enqueue(tx, provisionLinkJob, { linkId: link.id }, { ctx });
    return moved;
  });
  return toLinkView(approved, ctx);
}

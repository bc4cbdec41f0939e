import "server-only";
import { recordAudit } from "@/lib/audit";
import type { VerbArgs } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/queue";
import { authorizeAction, findLinkFor, requireActionAllowed } from "./persist";
import { releaseEndpointJob } from "./release-endpoint";
import { toLinkView, type LinkView } from "./views";

/** A vendor admin's "Release now": the endpoint of a link the customer turned away is deleted now rather than at releaseAt. */
export async function releaseLinkNow({ ctx, input }: VerbArgs<{ linkId: string }>): Promise<LinkView> {
  authorizeAction(ctx, "release");
  const due = await ctx.engine.db.$transaction(async (tx) => {
    const link = await findLinkFor(tx, ctx, input.linkId);
    requireActionAllowed(link, "release");
    if (link.endpointReleasedAt)
      throw new AppError("conflict", `Link ${link.id} no longer holds an endpoint: it was released on ${link.endpointReleasedAt.toISOString()}.`);
    // Guarded by state, so a link moved meanwhile (deleting) is not made due for a release it no longer needs.
    const updated = await tx.link.updateMany({ where: { id: link.id, state: link.state, endpointReleasedAt: null }, data: { releaseAt: new Date() } });
    if (updated.count === 0) throw new AppError("conflict", `The link ${link.id} changed while we were working on it; try again.`);
    await recordAudit(tx, ctx, {
      organizationId: link.organizationId,
      action: "link.release",
      target: { type: "link", id: link.id },
      metadata: { endpointId: link.endpointId, releaseAt: link.releaseAt?.toISOString() ?? null },
    });
    await enqueue(tx, releaseEndpointJob, { linkId: link.id }, { ctx });
    return tx.link.findUniqueOrThrow({ where: { id: link.id } });
  });
  return toLinkView(due, ctx);
}

import "server-only";
import { recordAudit } from "@/lib/audit";
import type { VerbArgs } from "@/lib/context";
import { enqueue } from "@/lib/jobs/queue";
import { authorizeAction, findLinkFor, takeAction } from "./persist";
import { provisionLinkJob } from "./provision-link";
import { toLinkView, type LinkView } from "./views";

// The failed endpoint is let go here, so the reconciler does not read its failure as the new attempt's; the provision job
// deletes it (named in the job: its tags may not show yet) and makes a new one with a new client token.
export async function retryLink({ ctx, input }: VerbArgs<{ linkId: string }>): Promise<LinkView> {
  authorizeAction(ctx, "retry");
  const retried = await ctx.engine.db.$transaction(async (tx) => {
    const link = await findLinkFor(tx, ctx, input.linkId);
    const moved = await takeAction(tx, link, "retry", {
      reason: "retry requested by a vendor admin",
      actor: ctx.actor,
      data: { lastError: null, lastErrorCode: null, endpointId: null, dnsNames: {} },
    });
    await recordAudit(tx, ctx, {
      organizationId: link.organizationId,
      action: "link.retry",
      target: { type: "link", id: link.id },
      metadata: { failedEndpointId: link.endpointId, lastErrorCode: link.lastErrorCode },
    });
    await enqueue(tx, provisionLinkJob, { linkId: link.id, ...(link.endpointId ? { replacing: [link.endpointId] } : {}) }, { ctx });
    return moved;
  });
  return toLinkView(retried, ctx);
}

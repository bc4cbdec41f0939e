import "server-only";
import { recordAudit } from "@/lib/audit";
import type { VerbArgs } from "@/lib/context";
import { authorizeAction, findLinkFor, takeAction } from "./persist";
import type { DenyLinkInput } from "./schemas";
import { toLinkView, type LinkView } from "./views";

export async function denyLink({ ctx, input }: VerbArgs<{ linkId: string } & DenyLinkInput>): Promise<LinkView> {
  authorizeAction(ctx, "deny");
  const denied = await ctx.engine.db.$transaction(async (tx) => {
    const link = await findLinkFor(tx, ctx, input.linkId);
    const { reason } = input;
    const moved = await takeAction(tx, link, "deny", { reason: `denied: ${reason}`, actor: ctx.actor, data: { lastError: reason, lastErrorCode: "denied" } });
    await recordAudit(tx, ctx, { organizationId: link.organizationId, action: "link.deny", target: { type: "link", id: link.id }, metadata: { reason } });
    return moved;
  });
  return toLinkView(denied, ctx);
}

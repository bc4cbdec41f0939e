import "server-only";
import { recordAudit } from "@/lib/audit";
import { requireVendorAdmin, type VerbArgs } from "@/lib/context";
import { conflict, findLinkFor, moveLink } from "./persist";
import type { DenyLinkInput } from "./schemas";
import { toLinkView, type LinkView } from "./views";

/** A vendor admin denies a link, saying why; the customer sees the reason. */
export async function denyLink({ ctx, input }: VerbArgs<{ linkId: string } & DenyLinkInput>): Promise<LinkView> {
  requireVendorAdmin(ctx);
  const moved = await ctx.engine.db.$transaction(async (tx) => {
    const link = await findLinkFor(tx, ctx, input.linkId);
    if (link.state !== "pending_approval") throw conflict(link, "denied");
    const { reason } = input;
    const moved = await moveLink(tx, link, { to: "denied", reason: `denied: ${reason}`, actor: ctx.actor, data: { lastError: reason, lastErrorCode: "denied" } });
    await recordAudit(tx, ctx, { organizationId: link.organizationId, action: "link.deny", target: { type: "link", id: link.id }, metadata: { reason } });
    return moved;
  });
  return toLinkView(moved);
}

import "server-only";
import { recordAudit } from "@/lib/audit";
import type { VerbArgs } from "@/lib/context";
import { enqueue } from "@/lib/jobs/queue";
import { endpointAddressesOf } from "./columns";
import { deleteOrphanJob } from "./orphan-delete";
import { actionRoleOf, authorizeAction, findLinkFor, takeAction } from "./persist";
import { verifyLinkJob } from "./verify-link";
import { toLinkView, type LinkView } from "./views";

// The admin console's "Recreate" and the customer's "Reconnect" are this one action. The link keeps its id, name and history; it is
// verified again (so a service that moved, or an allow list that changed, is caught) and approved again only where its
// organization's policy asks. Its old endpoint, if it still holds one, is let go as an orphan due at once: the orphan job
// deletes it (and a provision job would too, as a failed, rejected or expired endpoint tagged with the link). The new
// endpoint gets a new client token, as the link's version changes with this move.

/** observe.ts's code for an endpoint AWS no longer knows: nothing is left to delete. */
const LOST = "EndpointLost";

export async function reconnectLink({ ctx, input }: VerbArgs<{ linkId: string }>): Promise<LinkView> {
  authorizeAction(ctx, "reconnect");
  const moved = await ctx.engine.db.$transaction(async (tx) => {
    const link = await findLinkFor(tx, ctx, input.linkId);
    const held = link.endpointId && !link.endpointReleasedAt && link.lastErrorCode !== LOST ? link.endpointId : null;
    const moved = await takeAction(tx, link, "reconnect", {
      reason: actionRoleOf(ctx) === "admin" ? "reconnect requested by a vendor admin" : "reconnect requested",
      actor: ctx.actor,
      data: {
        endpointId: null,
        dnsNames: {},
        endpointAddresses: [],
        networkInterfaceIds: [],
        privateDnsEnabled: false,
        endpointReleasedAt: null,
        degraded: false,
        lastError: null,
        lastErrorCode: null,
      },
    });
    if (held) {
      const now = new Date();
      await tx.orphanEndpoint.upsert({
        where: { endpointId: held },
        create: {
          endpointId: held,
          region: link.region,
          serviceName: link.serviceName,
          organizationId: link.organizationId,
          linkId: link.id,
          azIds: [...new Set(endpointAddressesOf(link).map((address) => address.azId))].sort(),
          deleteAt: now,
        },
        update: { deleteAt: now, settledAt: null, outcome: null, adoptedByLinkId: null },
      });
      await enqueue(tx, deleteOrphanJob, { endpointId: held }, { ctx });
    }
    await recordAudit(tx, ctx, {
      organizationId: link.organizationId,
      action: "link.reconnect",
      target: { type: "link", id: link.id },
      metadata: { fromState: link.state, replacedEndpointId: held, lastErrorCode: link.lastErrorCode },
    });
    await enqueue(tx, verifyLinkJob, { linkId: link.id }, { ctx });
    return moved;
  });
  return toLinkView(moved, ctx);
}

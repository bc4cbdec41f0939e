import "server-only";
import { recordAudit } from "@/lib/audit";
import { requireVendorAdmin, type VerbArgs } from "@/lib/context";
import { AppError } from "@/lib/errors";
import type { LinkState } from "@/lib/links/state-machine";
import { settingsOf } from "./save-region";
import type { RegionView } from "./schemas";
import { toRegionView } from "./views";

/** Links that hold no endpoint and will get none: whatever else there is in the region keeps it. */
const FINISHED: LinkState[] = ["deleted", "denied", "verification_failed"];

/** Refused while a link in it is not finished: its endpoint, or the one it may get, lives in that VPC. */
export async function removeRegion({ ctx, input }: VerbArgs<{ region: string }>): Promise<RegionView> {
  requireVendorAdmin(ctx);
  const { region } = input;
  return ctx.engine.db.$transaction(async (tx) => {
    const row = await tx.vendorRegion.findUnique({ where: { region } });
    if (!row) throw new AppError("not_found", `No region ${region}.`);
    const live = await tx.link.count({ where: { region, state: { notIn: FINISHED } } });
    if (live > 0) {
      throw new AppError(
        "conflict",
        `${live} link(s) in ${region} are not finished; stop offering the region instead (isOffered false), or delete them first.`,
      );
    }
    await tx.vendorRegion.delete({ where: { region } });
    await recordAudit(tx, ctx, {
      organizationId: null,
      action: "region.remove",
      target: { type: "region", id: region },
      metadata: { before: settingsOf(row) },
    });
    return toRegionView(row);
  });
}

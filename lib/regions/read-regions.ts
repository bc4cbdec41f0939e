import "server-only";
import { requireVendorAdmin, type Ctx } from "@/lib/context";
import type { RegionView } from "./schemas";
import { toRegionViews } from "./views";

/** At most one per AWS region, so one page. */
export async function listRegions({ ctx }: { ctx: Ctx }): Promise<{ data: RegionView[] }> {
  requireVendorAdmin(ctx);
  const rows = await ctx.engine.db.vendorRegion.findMany({ orderBy: { region: "asc" } });
  return { data: await toRegionViews(ctx.engine.db, rows) };
}

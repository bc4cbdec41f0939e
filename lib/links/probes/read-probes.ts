import "server-only";
import type { VerbArgs } from "@/lib/context";
import type { LinkProbe } from "@/lib/db/generated/client";
import { collection, paginate, type Page } from "@/lib/pagination";
import { probeDiagnosisOf, probeTargetsOf } from "../columns";
import { findLinkFor } from "../persist";
import type { ConnectivityProbe } from "./schemas";

const LINK_PROBES = collection("link-probes", "desc");

/** A link's probes, newest first (the newest PROBE_HISTORY_PER_LINK are kept). Another organization's link is not found. */
export async function listLinkProbes({ ctx, input }: VerbArgs<{ linkId: string; limit: number; cursor?: string }>): Promise<Page<ConnectivityProbe>> {
  const link = await findLinkFor(ctx.engine.db, ctx, input.linkId);
  const pages = paginate(LINK_PROBES, input, { linkId: link.id });
  const rows = await ctx.engine.db.linkProbe.findMany({ where: { linkId: link.id, ...pages.where }, orderBy: pages.orderBy, take: pages.take });
  return pages.page(rows, toConnectivityProbe);
}

function toConnectivityProbe(probe: LinkProbe): ConnectivityProbe {
  return {
    id: probe.id,
    linkId: probe.linkId,
    trigger: probe.trigger,
    status: probe.status,
    startedAt: probe.startedAt.toISOString(),
    finishedAt: probe.finishedAt.toISOString(),
    targets: probeTargetsOf(probe.targets),
    diagnosis: probeDiagnosisOf(probe.diagnosis),
  };
}

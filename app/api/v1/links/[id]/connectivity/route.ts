import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { linkOperations } from "@/lib/api/link-operations";
import { listLinkProbes } from "@/lib/links/probes/read-probes";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(linkOperations.listLinkProbes, ({ ctx, params, query }) => listLinkProbes({ ctx, input: { linkId: params.id, ...query } })),
});

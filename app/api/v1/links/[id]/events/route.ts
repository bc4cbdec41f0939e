import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { linkOperations } from "@/lib/api/link-operations";
import { listLinkEvents } from "@/lib/links/read-links";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(linkOperations.listLinkEvents, ({ ctx, params, query }) => listLinkEvents({ ctx, input: { linkId: params.id, ...query } })),
});

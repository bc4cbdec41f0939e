import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { linkOperations } from "@/lib/api/link-operations";
import { reconcileLinkNow } from "@/lib/links/reconcile-link-now";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(linkOperations.reconcileLink, ({ ctx, params }) => reconcileLinkNow({ ctx, input: { linkId: params.id } })),
});

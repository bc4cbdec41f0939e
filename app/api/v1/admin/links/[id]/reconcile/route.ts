import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { reconcileLinkNow } from "@/lib/links/reconcile-link-now";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(operations.reconcileLink, ({ ctx, params }) => reconcileLinkNow({ ctx, input: { linkId: params.id } })),
});

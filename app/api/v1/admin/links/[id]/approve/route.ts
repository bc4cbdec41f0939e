import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { linkOperations } from "@/lib/api/link-operations";
import { approveLink } from "@/lib/links/approve-link";

/**
 * The example route (docs/ARCHITECTURE.md): every method through routeMethods, each operation
 * through apiRoute, whose handler maps HTTP to one verb's input and hands it the ctx.
 */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(linkOperations.approveLink, ({ ctx, params }) => approveLink({ ctx, input: { linkId: params.id } })),
});

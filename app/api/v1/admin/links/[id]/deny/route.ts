import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { linkOperations } from "@/lib/api/link-operations";
import { denyLink } from "@/lib/links/deny-link";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(linkOperations.denyLink, ({ ctx, params, body }) => denyLink({ ctx, input: { linkId: params.id, reason: body.reason } })),
});

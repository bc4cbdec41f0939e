import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { denyLink } from "@/lib/links/deny-link";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(operations.denyLink, ({ ctx, params, body }) => denyLink({ ctx, input: { linkId: params.id, reason: body.reason } })),
});

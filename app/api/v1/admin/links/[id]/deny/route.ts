import { apiEngine } from "@/lib/api/engine";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { denyLink } from "@/lib/links/deny-link";
import { toLinkView } from "@/lib/links/views";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(operations.denyLink, async ({ ctx, params, body }) =>
    toLinkView(await denyLink({ engine: apiEngine(), ctx, linkId: params.id, reason: body.reason })),
  ),
});

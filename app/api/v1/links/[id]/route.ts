import { apiEngine } from "@/lib/api/engine";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { deleteLink } from "@/lib/links/delete-link";
import { getLink } from "@/lib/links/read-links";
import { toLinkView } from "@/lib/links/views";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(operations.getLink, ({ ctx, params }) =>
    getLink({ engine: apiEngine(), ctx, linkId: params.id }),
  ),
  DELETE: apiRoute(operations.deleteLink, async ({ ctx, params }) =>
    toLinkView(await deleteLink({ engine: apiEngine(), ctx, linkId: params.id })),
  ),
});

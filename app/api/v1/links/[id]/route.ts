import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { deleteLink } from "@/lib/links/delete-link";
import { getLink } from "@/lib/links/read-links";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(operations.getLink, ({ ctx, params }) => getLink({ ctx, input: { linkId: params.id } })),
  DELETE: apiRoute(operations.deleteLink, ({ ctx, params }) => deleteLink({ ctx, input: { linkId: params.id } })),
});

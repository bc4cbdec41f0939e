import { apiRead, apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { linkOperations } from "@/lib/api/link-operations";
import { deleteLink } from "@/lib/links/delete-link";
import { linkRead } from "@/lib/links/read-links";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRead(linkOperations.getLink, ({ params }) => linkRead(params.id)),
  DELETE: apiRoute(linkOperations.deleteLink, ({ ctx, params }) => deleteLink({ ctx, input: { linkId: params.id } })),
});

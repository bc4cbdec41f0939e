import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { linkOperations } from "@/lib/api/link-operations";
import { getLinkForAdmin } from "@/lib/links/admin-links";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(linkOperations.adminGetLink, ({ ctx, params }) => getLinkForAdmin({ ctx, input: { linkId: params.id } })),
});

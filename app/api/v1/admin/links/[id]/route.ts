import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { getLinkForAdmin } from "@/lib/links/admin-links";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(operations.adminGetLink, ({ ctx, params }) => getLinkForAdmin({ ctx, input: { linkId: params.id } })),
});

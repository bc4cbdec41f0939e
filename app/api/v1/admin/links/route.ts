import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { linkOperations } from "@/lib/api/link-operations";
import { listLinksForAdmin } from "@/lib/links/admin-links";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(linkOperations.adminListLinks, ({ ctx, query }) => listLinksForAdmin({ ctx, input: query })),
});

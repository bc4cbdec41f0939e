import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { listLinksForAdmin } from "@/lib/links/admin-links";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(operations.adminListLinks, ({ ctx, query }) => listLinksForAdmin({ ctx, input: query })),
});

import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { adminOperations } from "@/lib/api/admin-operations";
import { listOrphans } from "@/lib/links/orphan-views";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(adminOperations.adminListOrphans, ({ ctx, query }) => listOrphans({ ctx, input: query })),
});

import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { adminOperations } from "@/lib/api/admin-operations";
import { deleteOrphanNow } from "@/lib/links/orphan-delete";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  DELETE: apiRoute(adminOperations.adminDeleteOrphan, ({ ctx, params }) => deleteOrphanNow({ ctx, input: { endpointId: params.endpointId } })),
});

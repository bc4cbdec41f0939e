import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { linkOperations } from "@/lib/api/link-operations";
import { reconnectLink } from "@/lib/links/reconnect-link";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(linkOperations.reconnectLink, ({ ctx, params }) => reconnectLink({ ctx, input: { linkId: params.id } })),
});

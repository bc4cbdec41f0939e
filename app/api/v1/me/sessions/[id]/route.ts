import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { resetOperations } from "@/lib/api/reset-operations";
import { endOwnSession } from "@/lib/auth/session-list";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  DELETE: apiRoute(resetOperations.endSession, ({ ctx, params }) => endOwnSession({ ctx, id: params.id })),
});

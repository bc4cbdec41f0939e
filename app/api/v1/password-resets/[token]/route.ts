import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { resetPublicOperations } from "@/lib/api/reset-operations";
import { resetPassword } from "@/lib/auth/password-reset";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(resetPublicOperations.resetPassword, ({ ctx, params, body }) => resetPassword({ ctx, token: params.token, input: body })),
});

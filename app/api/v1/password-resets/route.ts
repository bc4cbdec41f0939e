import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { resetPublicOperations } from "@/lib/api/reset-operations";
import { requestClientAddress } from "@/lib/auth/client-address";
import { requestPasswordReset } from "@/lib/auth/password-reset";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(resetPublicOperations.requestPasswordReset, ({ ctx, body, request }) =>
    requestPasswordReset({ ctx, input: body, clientAddress: requestClientAddress(request) }),
  ),
});

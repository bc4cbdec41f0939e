import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { resetPublicOperations } from "@/lib/api/reset-operations";
import { confirmEmail } from "@/lib/auth/email-verification";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(resetPublicOperations.confirmEmailVerification, ({ ctx, params }) => confirmEmail({ ctx, token: params.token })),
});

import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { mfaOperations } from "@/lib/api/mfa-operations";
import { confirmTotp } from "@/lib/auth/mfa/totp";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(mfaOperations.confirmTotp, ({ ctx, body }) => confirmTotp({ ctx, input: body })),
});

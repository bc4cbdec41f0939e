import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { mfaOperations } from "@/lib/api/mfa-operations";
import { removeTotp, startTotp } from "@/lib/auth/mfa/totp";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(mfaOperations.startTotp, ({ ctx }) => startTotp({ ctx })),
  DELETE: apiRoute(mfaOperations.removeTotp, async ({ ctx, body }) => {
    await removeTotp({ ctx, input: body });
    return null;
  }),
});

import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { mfaOperations } from "@/lib/api/mfa-operations";
import { passkeyRegistrationOptions } from "@/lib/auth/mfa/passkeys";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(mfaOperations.passkeyRegistrationOptions, ({ ctx }) => passkeyRegistrationOptions({ ctx })),
});

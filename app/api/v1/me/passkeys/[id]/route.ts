import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { mfaOperations } from "@/lib/api/mfa-operations";
import { deletePasskey } from "@/lib/auth/mfa/passkeys";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  DELETE: apiRoute(mfaOperations.deletePasskey, async ({ ctx, params }) => {
    await deletePasskey({ ctx, input: { passkeyId: params.id } });
    return null;
  }),
});

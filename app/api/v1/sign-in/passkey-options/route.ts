import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { mfaPublicOperations } from "@/lib/api/mfa-operations";
import { passkeyOptionsForChallenge } from "@/lib/auth/mfa/challenge";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(mfaPublicOperations.signInPasskeyOptions, ({ ctx, body }) => passkeyOptionsForChallenge(ctx.engine.db, body.challenge)),
});

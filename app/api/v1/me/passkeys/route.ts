import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { mfaOperations } from "@/lib/api/mfa-operations";
import { sessionOf } from "@/lib/auth/account";
import { listPasskeys, registerPasskey } from "@/lib/auth/mfa/passkeys";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(mfaOperations.listPasskeys, async ({ ctx }) => ({ data: await listPasskeys(ctx.engine.db, sessionOf(ctx).userId) })),
  POST: apiRoute(mfaOperations.registerPasskey, ({ ctx, body }) => registerPasskey({ ctx, input: body })),
});

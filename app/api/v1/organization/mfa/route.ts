import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { mfaOperations } from "@/lib/api/mfa-operations";
import { setOrganizationMfa } from "@/lib/auth/mfa/status";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  PATCH: apiRoute(mfaOperations.setOrganizationMfa, ({ ctx, body }) => setOrganizationMfa({ ctx, input: body })),
});

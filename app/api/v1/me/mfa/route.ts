import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { mfaOperations } from "@/lib/api/mfa-operations";
import { readMfaStatus } from "@/lib/auth/mfa/status";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(mfaOperations.getMfaStatus, ({ ctx }) => readMfaStatus({ ctx })),
});

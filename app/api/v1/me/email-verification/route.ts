import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { resetOperations } from "@/lib/api/reset-operations";
import { resendVerification } from "@/lib/auth/email-verification";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(resetOperations.resendEmailVerification, ({ ctx }) => resendVerification({ ctx })),
});

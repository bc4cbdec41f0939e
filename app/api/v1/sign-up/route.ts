import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { publicOperations } from "@/lib/api/public-operations";
import { requestClientAddress } from "@/lib/auth/client-address";
import { signUp } from "@/lib/auth/sign-up";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(publicOperations.signUp, ({ ctx, body, request }) => signUp({ ctx, input: body, clientAddress: requestClientAddress(request) })),
});

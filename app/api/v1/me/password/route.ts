import { accountOperations } from "@/lib/api/account-operations";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { changePassword } from "@/lib/auth/account";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(accountOperations.changePassword, ({ ctx, body }) => changePassword({ ctx, input: body })),
});

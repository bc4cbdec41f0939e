import { accountOperations } from "@/lib/api/account-operations";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { signOutEverywhere } from "@/lib/auth/account";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  DELETE: apiRoute(accountOperations.signOutEverywhere, ({ ctx }) => signOutEverywhere({ ctx })),
});

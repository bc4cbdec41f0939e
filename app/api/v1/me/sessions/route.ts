import { accountOperations } from "@/lib/api/account-operations";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { resetOperations } from "@/lib/api/reset-operations";
import { signOutEverywhere } from "@/lib/auth/account";
import { listSessions } from "@/lib/auth/session-list";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(resetOperations.listSessions, ({ ctx }) => listSessions({ ctx })),
  DELETE: apiRoute(accountOperations.signOutEverywhere, ({ ctx }) => signOutEverywhere({ ctx })),
});

import { apiRoute } from "@/lib/api/handler";
import { memberOperations } from "@/lib/api/member-operations";
import { routeMethods } from "@/lib/api/methods";
import { joinInvitation } from "@/lib/orgs/invitations";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(memberOperations.joinInvitation, ({ ctx, body }) => joinInvitation({ ctx, input: body })),
});

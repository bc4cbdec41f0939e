import { apiRoute } from "@/lib/api/handler";
import { invitationPublicOperations } from "@/lib/api/member-operations";
import { routeMethods } from "@/lib/api/methods";
import { acceptInvitation } from "@/lib/auth/accept-invitation";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(invitationPublicOperations.acceptInvitation, ({ ctx, body }) => acceptInvitation({ ctx, input: body })),
});

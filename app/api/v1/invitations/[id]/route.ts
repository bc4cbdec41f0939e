import { apiRoute } from "@/lib/api/handler";
import { memberOperations } from "@/lib/api/member-operations";
import { routeMethods } from "@/lib/api/methods";
import { revokeInvitation } from "@/lib/orgs/invitations";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  DELETE: apiRoute(memberOperations.revokeInvitation, ({ ctx, params }) => revokeInvitation({ ctx, input: { invitationId: params.id } })),
});

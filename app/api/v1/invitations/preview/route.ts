import { apiRoute } from "@/lib/api/handler";
import { invitationPublicOperations } from "@/lib/api/member-operations";
import { routeMethods } from "@/lib/api/methods";
import { previewInvitation } from "@/lib/orgs/invitations";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(invitationPublicOperations.previewInvitation, ({ ctx, query }) => previewInvitation({ ctx, input: query })),
});

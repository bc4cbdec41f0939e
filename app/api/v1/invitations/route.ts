import { apiRoute } from "@/lib/api/handler";
import { memberOperations } from "@/lib/api/member-operations";
import { routeMethods } from "@/lib/api/methods";
import { createInvitation, listInvitations } from "@/lib/orgs/invitations";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(memberOperations.listInvitations, ({ ctx, query }) => listInvitations({ ctx, input: query })),
  POST: apiRoute(memberOperations.createInvitation, ({ ctx, body }) => createInvitation({ ctx, input: body })),
});

import { apiRoute } from "@/lib/api/handler";
import { memberOperations } from "@/lib/api/member-operations";
import { routeMethods } from "@/lib/api/methods";
import { changeMemberRole, removeMember } from "@/lib/orgs/members";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  PATCH: apiRoute(memberOperations.changeMemberRole, ({ ctx, params, body }) => changeMemberRole({ ctx, input: { membershipId: params.id, ...body } })),
  DELETE: apiRoute(memberOperations.removeMember, async ({ ctx, params }) => {
    await removeMember({ ctx, input: { membershipId: params.id } });
    return null;
  }),
});

import { apiRoute } from "@/lib/api/handler";
import { memberOperations } from "@/lib/api/member-operations";
import { routeMethods } from "@/lib/api/methods";
import { listMembers } from "@/lib/orgs/members";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(memberOperations.listMembers, ({ ctx, query }) => listMembers({ ctx, input: query })),
});

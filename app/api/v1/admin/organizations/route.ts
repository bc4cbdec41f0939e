import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { listOrganizationsForAdmin } from "@/lib/orgs/read-organizations";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(operations.adminListOrganizations, ({ ctx, query }) => listOrganizationsForAdmin({ ctx, input: query })),
});

import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { organizationOperations } from "@/lib/api/organization-operations";
import { listOrganizationsForAdmin } from "@/lib/orgs/read-organizations";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(organizationOperations.adminListOrganizations, ({ ctx, query }) => listOrganizationsForAdmin({ ctx, input: query })),
});

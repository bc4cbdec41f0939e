import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { linkOperations } from "@/lib/api/link-operations";
import { reverifyLink } from "@/lib/links/verify-link";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(linkOperations.verifyLink, ({ ctx, params }) => reverifyLink({ ctx, input: { linkId: params.id } })),
});

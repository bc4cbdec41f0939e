import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { linkOperations } from "@/lib/api/link-operations";
import { retryLink } from "@/lib/links/retry-link";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(linkOperations.retryLink, ({ ctx, params }) => retryLink({ ctx, input: { linkId: params.id } })),
});

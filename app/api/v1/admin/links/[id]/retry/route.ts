import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { retryLink } from "@/lib/links/retry-link";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(operations.retryLink, ({ ctx, params }) => retryLink({ ctx, input: { linkId: params.id } })),
});

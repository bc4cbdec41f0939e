import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { reverifyLink } from "@/lib/links/verify-link";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(operations.verifyLink, ({ ctx, params }) => reverifyLink({ ctx, input: { linkId: params.id } })),
});

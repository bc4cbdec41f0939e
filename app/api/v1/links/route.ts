import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { listLinks } from "@/lib/links/read-links";
import { registerLink } from "@/lib/links/register-link";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(operations.listLinks, ({ ctx, query }) => listLinks({ ctx, input: query })),
  POST: apiRoute(operations.createLink, ({ ctx, body }) => registerLink({ ctx, input: body })),
});

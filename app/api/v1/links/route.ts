import { apiRead, apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { linksPageRead } from "@/lib/links/read-links";
import { registerLink } from "@/lib/links/register-link";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRead(operations.listLinks, ({ query }) => linksPageRead(query)),
  POST: apiRoute(operations.createLink, ({ ctx, body }) => registerLink({ ctx, input: body })),
});

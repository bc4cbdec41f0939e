import { apiRead, apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { linkOperations } from "@/lib/api/link-operations";
import { linksPageRead } from "@/lib/links/read-links";
import { registerLink } from "@/lib/links/register-link";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRead(linkOperations.listLinks, ({ query }) => linksPageRead(query)),
  POST: apiRoute(linkOperations.createLink, ({ ctx, body }) => registerLink({ ctx, input: body })),
});

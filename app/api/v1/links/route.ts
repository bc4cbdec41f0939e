import { apiEngine } from "@/lib/api/engine";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { listLinks } from "@/lib/links/read-links";
import { registerLink } from "@/lib/links/register-link";
import { toLinkView } from "@/lib/links/views";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(operations.listLinks, ({ ctx, query }) => listLinks({ engine: apiEngine(), ctx, query })),
  POST: apiRoute(operations.createLink, async ({ ctx, body }) => toLinkView(await registerLink({ engine: apiEngine(), ctx, input: body }))),
});

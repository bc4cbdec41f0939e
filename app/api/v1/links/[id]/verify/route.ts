import { apiEngine } from "@/lib/api/engine";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { reverifyLink } from "@/lib/links/verify-link";
import { toLinkView } from "@/lib/links/views";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(operations.verifyLink, async ({ ctx, params }) => toLinkView(await reverifyLink({ engine: apiEngine(), ctx, linkId: params.id }))),
});

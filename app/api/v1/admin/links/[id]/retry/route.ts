import { apiEngine } from "@/lib/api/engine";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { retryLink } from "@/lib/links/retry-link";
import { toLinkView } from "@/lib/links/views";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(operations.retryLink, async ({ ctx, params }) => toLinkView(await retryLink({ engine: apiEngine(), ctx, linkId: params.id }))),
});

import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { linkOperations } from "@/lib/api/link-operations";
import { releaseLinkNow } from "@/lib/links/release-link";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(linkOperations.releaseLink, ({ ctx, params }) => releaseLinkNow({ ctx, input: { linkId: params.id } })),
});

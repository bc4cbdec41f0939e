import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { linkOperations } from "@/lib/api/link-operations";
import { probeLink } from "@/lib/links/probes/schedule";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(linkOperations.probeLink, ({ ctx, params }) => probeLink({ ctx, input: { linkId: params.id } })),
});

import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { connectivityOperations } from "@/lib/api/connectivity-operations";
import { getSetupKit } from "@/lib/setup-kits/get-setup-kit";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(connectivityOperations.getSetupKit, ({ ctx, params, query }) => getSetupKit({ ctx, input: { format: params.format, ...query } })),
});

import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { connectivityOperations } from "@/lib/api/connectivity-operations";
import { getConnectivity } from "@/lib/links/read-links";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(connectivityOperations.getConnectivity, ({ ctx }) => getConnectivity({ ctx })),
});

import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { getConnectivity } from "@/lib/links/read-links";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(operations.getConnectivity, ({ ctx }) => getConnectivity({ ctx })),
});

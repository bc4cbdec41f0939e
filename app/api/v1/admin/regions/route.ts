import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { regionOperations } from "@/lib/api/region-operations";
import { listRegions } from "@/lib/regions/read-regions";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(regionOperations.adminListRegions, ({ ctx }) => listRegions({ ctx })),
});

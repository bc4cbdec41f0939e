import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { regionOperations } from "@/lib/api/region-operations";
import { removeRegion } from "@/lib/regions/remove-region";
import { saveRegion } from "@/lib/regions/save-region";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  PATCH: apiRoute(regionOperations.saveRegion, ({ ctx, params, body }) => saveRegion({ ctx, input: { region: params.region, changes: body } })),
  DELETE: apiRoute(regionOperations.removeRegion, ({ ctx, params }) => removeRegion({ ctx, input: { region: params.region } })),
});

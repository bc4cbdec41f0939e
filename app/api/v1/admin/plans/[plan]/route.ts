import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { planOperations } from "@/lib/api/plan-operations";
import { updatePlan } from "@/lib/plans/save-plan";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  PATCH: apiRoute(planOperations.updatePlan, ({ ctx, params, body }) => updatePlan({ ctx, input: { key: params.plan, changes: body } })),
});

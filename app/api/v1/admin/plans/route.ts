import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { planOperations } from "@/lib/api/plan-operations";
import { listPlans } from "@/lib/plans/read-plans";
import { createPlan } from "@/lib/plans/save-plan";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(planOperations.adminListPlans, ({ ctx }) => listPlans({ ctx })),
  POST: apiRoute(planOperations.createPlan, ({ ctx, body }) => createPlan({ ctx, input: body })),
});

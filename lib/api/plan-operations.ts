import { z } from "zod";
import { createPlanInputSchema, planKeySchema, planListSchema, planViewSchema, updatePlanInputSchema } from "@/lib/plans/schemas";
import { defineOperation } from "./operation";

/** The plans and what each allows (lib/plans): what registration and approval check, and what the portal says. */
const planParam = z.object({ plan: planKeySchema.describe("The plan's key, e.g. team.") });

export const planOperations = {
  adminListPlans: defineOperation({
    operationId: "adminListPlans",
    method: "GET",
    path: "/api/v1/admin/plans",
    tag: "Admin",
    summary: "Every plan and what it allows, least to most",
    description: "A handful, so the list is whole (no cursor). `organizations` counts the organizations on each plan now.",
    access: { scope: "read", by: ["admin"] },
    success: { status: 200, description: "The plans.", schema: planListSchema },
  }),
  createPlan: defineOperation({
    operationId: "createPlan",
    method: "POST",
    path: "/api/v1/admin/plans",
    tag: "Admin",
    summary: "Add a plan",
    description:
      "Organizations may then be moved to it (`updateOrganization`) and customers may ask for it when it gives more than theirs. Audited (`plan.create`). A key taken already is a 409.",
    access: { scope: "write", by: ["admin"] },
    body: createPlanInputSchema,
    success: { status: 201, description: "The plan.", schema: planViewSchema },
    errors: [409],
  }),
  updatePlan: defineOperation({
    operationId: "updatePlan",
    method: "PATCH",
    path: "/api/v1/admin/plans/{plan}",
    tag: "Admin",
    summary: "Change what a plan allows",
    description:
      "The fields given replace the stored ones, at once: the next registration or approval reads them (refused with `plan_not_eligible` when the plan lacks what the link needs); links already made stay. Audited (`plan.update`, with the values before and after).",
    access: { scope: "write", by: ["admin"] },
    params: planParam,
    body: updatePlanInputSchema,
    success: { status: 200, description: "The plan.", schema: planViewSchema },
  }),
};

import "server-only";
import { recordAudit } from "@/lib/audit";
import { requireVendorAdmin, type VerbArgs } from "@/lib/context";
import { violatesConstraint } from "@/lib/db/constraints";
import type { Plan } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { toPlanView } from "./read-plans";
import type { CreatePlanInput, PlanView, UpdatePlanInput } from "./schemas";

// Every change is audited with the entitlements before and after. A change applies at once: the next registration or
// approval reads it; links already made stay.

const settingsOf = (row: Plan) => ({
  name: row.name,
  privateLinks: row.privateLinks,
  crossRegion: row.crossRegion,
  resourceEndpoints: row.resourceEndpoints,
  linkQuota: row.linkQuota,
});

function keyTaken(key: string): AppError {
  return new AppError("conflict", `A plan with the key ${key} exists already; change that one instead.`, {
    invalidParams: [{ name: "key", reason: `${key} is taken` }],
  });
}

export async function createPlan({ ctx, input }: VerbArgs<CreatePlanInput>): Promise<PlanView> {
  requireVendorAdmin(ctx);
  const created = await ctx.engine.db.$transaction(async (tx) => {
    if (await tx.plan.findUnique({ where: { key: input.key } })) throw keyTaken(input.key);
    const row = await tx.plan.create({ data: input }).catch((error: unknown) => {
      throw violatesConstraint(error, "Plan_pkey") ? keyTaken(input.key) : error;
    });
    await recordAudit(tx, ctx, {
      organizationId: null,
      action: "plan.create",
      target: { type: "plan", id: row.key },
      metadata: { before: null, after: settingsOf(row) },
    });
    return row;
  });
  return toPlanView(created, 0);
}

export async function updatePlan({ ctx, input }: VerbArgs<{ key: string; changes: UpdatePlanInput }>): Promise<PlanView> {
  requireVendorAdmin(ctx);
  const { key, changes } = input;
  return ctx.engine.db.$transaction(async (tx) => {
    const before = await tx.plan.findUnique({ where: { key } });
    if (!before) throw new AppError("not_found", `No plan ${key}.`);
    const after = await tx.plan.update({ where: { key }, data: changes, include: { _count: { select: { organizations: true } } } });
    await recordAudit(tx, ctx, {
      organizationId: null,
      action: "plan.update",
      target: { type: "plan", id: key },
      metadata: { before: settingsOf(before), after: settingsOf(after) },
    });
    return toPlanView(after, after._count.organizations);
  });
}

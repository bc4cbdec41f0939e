import "server-only";
import { recordAudit } from "@/lib/audit";
import { requireVendorAdmin, type VerbArgs } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { activeLinkCounts, ORGANIZATION_VIEW_INCLUDE, toOrganizationView } from "./read-organizations";
import type { UpdateOrganizationInput } from "./schemas";

/** The plan must be one of the table's; a linkQuota of null follows the plan's. Lowering the quota below the links an organization has only stops new registrations; existing links stay. */
export async function updateOrganization({ ctx, input }: VerbArgs<{ organizationId: string; changes: UpdateOrganizationInput }>) {
  requireVendorAdmin(ctx);
  const { db } = ctx.engine;
  const { organizationId, changes } = input;
  const updated = await db.$transaction(async (tx) => {
    const before = await tx.organization.findUnique({ where: { id: organizationId } });
    if (!before) throw new AppError("not_found", `No organization ${organizationId}.`);
    if (changes.plan !== undefined && !(await tx.plan.findUnique({ where: { key: changes.plan } }))) {
      const keys = (await tx.plan.findMany({ select: { key: true }, orderBy: { key: "asc" } })).map((p) => p.key);
      throw new AppError("validation_failed", `There is no plan ${changes.plan}.`, {
        invalidParams: [{ name: "plan", reason: `Choose one of ${keys.join(", ")}` }],
      });
    }
    const after = await tx.organization.update({ where: { id: organizationId }, data: changes, include: ORGANIZATION_VIEW_INCLUDE });
    await recordAudit(tx, ctx, {
      organizationId,
      action: "organization.update",
      target: { type: "organization", id: organizationId },
      metadata: {
        before: { approvalMode: before.approvalMode, plan: before.plan, linkQuota: before.linkQuota },
        after: { approvalMode: after.approvalMode, plan: after.plan, linkQuota: after.linkQuota },
      },
    });
    return after;
  });
  const counts = await activeLinkCounts(db, [updated.id]);
  return toOrganizationView(updated, counts.get(updated.id) ?? 0);
}

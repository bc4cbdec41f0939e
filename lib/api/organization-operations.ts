import { z } from "zod";
import { pageQuerySchema } from "@/lib/pagination";
import { adminOrganizationDetailSchema } from "@/lib/orgs/admin-schemas";
import { organizationPageSchema, organizationViewSchema, updateOrganizationInputSchema } from "@/lib/orgs/schemas";
import { defineOperation } from "./operation";
import { idParam } from "./params";

/** The vendor admin's organizations (lib/orgs): the list, one organization whole, its settings and the repair of its role. */
const organizationId = z.object({ id: idParam("organization", "The organization's id.") });
const adminOrganizationsQuerySchema = pageQuerySchema(50).extend({
  q: z.string().trim().min(1).max(100).optional().describe("Only organizations whose name or slug contains this, ignoring case, or whose id it is."),
});

export const organizationOperations = {
  adminListOrganizations: defineOperation({
    operationId: "adminListOrganizations",
    method: "GET",
    path: "/api/v1/admin/organizations",
    tag: "Admin",
    summary: "Every organization, oldest first",
    description: "`q` narrows the list to names or slugs containing it (the console's organization pickers).",
    access: { scope: "read", by: ["admin"] },
    query: adminOrganizationsQuerySchema,
    success: { status: 200, description: "A page of organizations.", schema: organizationPageSchema },
  }),
  adminGetOrganization: defineOperation({
    operationId: "adminGetOrganization",
    method: "GET",
    path: "/api/v1/admin/organizations/{id}",
    tag: "Admin",
    summary: "One organization: settings, AWS principal and the state of its role, declared AWS accounts, members, open invitations",
    description:
      "The role's state is asked of IAM (GetRole), so a role deleted outside the portal shows as `missing`; `checkError` says when IAM could not be asked.",
    access: { scope: "read", by: ["admin"] },
    params: organizationId,
    success: { status: 200, description: "The organization.", schema: adminOrganizationDetailSchema },
  }),
  updateOrganization: defineOperation({
    operationId: "updateOrganization",
    method: "PATCH",
    path: "/api/v1/admin/organizations/{id}",
    tag: "Admin",
    summary: "Change an organization's approval mode, plan or link quota",
    description: "Audited (`organization.update`, with the values before and after).",
    access: { scope: "write", by: ["admin"] },
    params: organizationId,
    body: updateOrganizationInputSchema,
    success: { status: 200, description: "The organization.", schema: organizationViewSchema },
  }),
  adminRepairOrganizationPrincipal: defineOperation({
    operationId: "adminRepairOrganizationPrincipal",
    method: "POST",
    path: "/api/v1/admin/organizations/{id}/principal",
    tag: "Admin",
    summary: "Make the organization's IAM role again: create it if missing, put the current policy on it",
    description:
      "For a role deleted or edited outside the portal. Audited (`organization.repair_principal`). 409 in shared mode (no role of its own) or when IAM refuses (the problem says why); 503 when AWS cannot be asked.",
    access: { scope: "write", by: ["admin"] },
    params: organizationId,
    success: { status: 200, description: "The organization, with its role's new state.", schema: adminOrganizationDetailSchema },
    errors: [409],
  }),
};

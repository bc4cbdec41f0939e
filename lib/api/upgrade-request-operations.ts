import { z } from "zod";
import { pageQuerySchema } from "@/lib/pagination";
import {
  approveUpgradeRequestInputSchema,
  createUpgradeRequestInputSchema,
  denyUpgradeRequestInputSchema,
  planSummarySchema,
  upgradeRequestPageSchema,
  upgradeRequestStatusSchema,
  upgradeRequestViewSchema,
} from "@/lib/upgrade-requests/schemas";
import { defineOperation } from "./operation";
import { idParam } from "./params";

/** Plan upgrade requests (lib/upgrade-requests): members ask, vendor admins answer. */
const adminUpgradeRequestsQuerySchema = pageQuerySchema(25).extend({
  status: upgradeRequestStatusSchema.optional().describe("Only requests in this status (open: the approval queue)."),
});

const requestId = z.object({ id: idParam("upgrade request", "The request's id.") });

export const upgradeRequestOperations = {
  getPlanSummary: defineOperation({
    operationId: "getPlanSummary",
    method: "GET",
    path: "/api/v1/plan",
    tag: "Plans",
    summary: "Your organization's plan: what it allows, links in use, every plan compared, your latest upgrade request",
    description: "What registration and approval check, from the same data; the portal's home and Setup pages read it, and read it again to show a change.",
    access: { scope: "read", by: ["member"] },
    success: { status: 200, description: "The plan summary.", schema: planSummarySchema },
  }),
  createUpgradeRequest: defineOperation({
    operationId: "createUpgradeRequest",
    method: "POST",
    path: "/api/v1/upgrade-requests",
    tag: "Plans",
    summary: "Ask for a better plan",
    description:
      "One open request per organization: a second is a 409 until the first is answered. A vendor admin approves (the plan changes) or denies, saying why.",
    access: { scope: "write", by: ["member"] },
    body: createUpgradeRequestInputSchema,
    success: { status: 201, description: "The request, open.", schema: upgradeRequestViewSchema },
    errors: [409],
  }),
  listUpgradeRequests: defineOperation({
    operationId: "listUpgradeRequests",
    method: "GET",
    path: "/api/v1/upgrade-requests",
    tag: "Plans",
    summary: "Your organization's upgrade requests, newest first",
    access: { scope: "read", by: ["member"] },
    query: pageQuerySchema(25),
    success: { status: 200, description: "A page of requests.", schema: upgradeRequestPageSchema },
  }),
  adminListUpgradeRequests: defineOperation({
    operationId: "adminListUpgradeRequests",
    method: "GET",
    path: "/api/v1/admin/upgrade-requests",
    tag: "Admin",
    summary: "Every organization's upgrade requests, newest first",
    description: "Filter with `status=open` for the approval queue.",
    access: { scope: "read", by: ["admin"] },
    query: adminUpgradeRequestsQuerySchema,
    success: { status: 200, description: "A page of requests.", schema: upgradeRequestPageSchema },
  }),
  approveUpgradeRequest: defineOperation({
    operationId: "approveUpgradeRequest",
    method: "POST",
    path: "/api/v1/admin/upgrade-requests/{id}/approve",
    tag: "Admin",
    summary: "Approve an open upgrade request; the organization moves to the plan it asked for",
    access: { scope: "write", by: ["admin"] },
    params: requestId,
    body: approveUpgradeRequestInputSchema,
    success: { status: 200, description: "The request, approved.", schema: upgradeRequestViewSchema },
    errors: [409],
  }),
  denyUpgradeRequest: defineOperation({
    operationId: "denyUpgradeRequest",
    method: "POST",
    path: "/api/v1/admin/upgrade-requests/{id}/deny",
    tag: "Admin",
    summary: "Deny an open upgrade request, saying why",
    access: { scope: "write", by: ["admin"] },
    params: requestId,
    body: denyUpgradeRequestInputSchema,
    success: { status: 200, description: "The request, denied.", schema: upgradeRequestViewSchema },
    errors: [409],
  }),
};

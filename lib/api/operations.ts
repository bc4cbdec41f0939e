import { z } from "zod";
import { createLinkInputSchema, denyLinkInputSchema } from "@/lib/links/schemas";
import { allowedInSentence } from "@/lib/links/state-machine";
import { adminLinkDetailSchema, adminListLinksQuerySchema } from "@/lib/links/admin-schemas";
import { linkViewSchema } from "@/lib/links/views";
import { pageQuerySchema } from "@/lib/pagination";
import { kitFormatSchema, setupKitQuerySchema } from "@/lib/setup-kits/kit";
import { awsAccountOperations } from "./aws-account-operations";
import { defineOperation, fileAnswerSchema, type AnyOperation } from "./operation";
import { memberOperations } from "./member-operations";
import { organizationOperations } from "./organization-operations";
import { idParam } from "./params";
import { regionOperations } from "./region-operations";
import { adminOperations } from "./admin-operations";
import { upgradeRequestOperations } from "./upgrade-request-operations";
import { webhookOperations } from "./webhook-operations";
import {
  apiKeyPageSchema,
  apiKeyViewSchema,
  connectivitySchema,
  createApiKeyInputSchema,
  createdApiKeySchema,
  linkEventPageSchema,
  linkPageSchema,
  listLinksQuerySchema,
} from "./schemas";

/** Every operation of /api/v1 but those in their own files (below); the route files and the OpenAPI document read these. */

const linkId = z.object({ id: idParam("link", "The link's id.") });

export const operations = {
  getConnectivity: defineOperation({
    operationId: "getConnectivity",
    method: "GET",
    path: "/api/v1/connectivity",
    tag: "Connectivity",
    summary: "What to set up before registering a link",
    description: "The principal ARN to allowlist on your endpoint service, and per region our AZ IDs, CIDRs to allow and ports.",
    access: { scope: "read" },
    success: { status: 200, description: "Your organization's connectivity facts.", schema: connectivitySchema },
  }),
  getSetupKit: defineOperation({
    operationId: "getSetupKit",
    method: "GET",
    path: "/api/v1/setup-kits/{format}",
    tag: "Connectivity",
    summary: "Your side of a link as CloudFormation, a Terraform module or an AWS CLI script",
    description:
      "An internal Network Load Balancer in your subnets, a TCP target group and listener per port, the endpoint service (acceptance required, your organization's principal allowed, our other regions supported) and the NLB's security group open to our CIDRs on those ports; optionally an S3 gateway endpoint and a bucket policy that admits only it. Your inputs are the VPC, the subnets and the targets. docs/CUSTOMER-SETUP.md explains each target kind.",
    access: { scope: "read" },
    params: z.object({ format: kitFormatSchema.describe("`cloudformation` (YAML template), `terraform` (a module) or `cli` (a bash script).") }),
    query: setupKitQuerySchema,
    success: {
      status: 200,
      description: "The kit, as a file to download.",
      schema: fileAnswerSchema,
      files: [
        { mediaType: "application/yaml", description: "the CloudFormation template" },
        { mediaType: "text/plain", description: "the Terraform module (HCL)" },
        { mediaType: "text/x-shellscript", description: "the AWS CLI script" },
      ],
    },
  }),
  createLink: defineOperation({
    operationId: "createLink",
    method: "POST",
    path: "/api/v1/links",
    tag: "Links",
    summary: "Register a link to your endpoint service",
    description: "Checks plan, quota and region, then verifies the service as your organization's principal in the background (state `verifying`).",
    access: { scope: "write" },
    body: createLinkInputSchema,
    success: { status: 201, description: "The link, verifying.", schema: linkViewSchema },
    location: (link) => `/api/v1/links/${link.id}`,
    errors: [409],
  }),
  listLinks: defineOperation({
    operationId: "listLinks",
    method: "GET",
    path: "/api/v1/links",
    tag: "Links",
    summary: "List your links, newest first",
    description: "Cursor-paginated: pass `nextCursor` as `cursor` until it is null. Links added meanwhile cause no duplicates or gaps.",
    access: { scope: "read" },
    query: listLinksQuerySchema,
    success: { status: 200, description: "A page of links.", schema: linkPageSchema },
  }),
  getLink: defineOperation({
    operationId: "getLink",
    method: "GET",
    path: "/api/v1/links/{id}",
    tag: "Links",
    summary: "One link, with its checks and DNS names",
    access: { scope: "read" },
    params: linkId,
    success: { status: 200, description: "The link.", schema: linkViewSchema },
  }),
  deleteLink: defineOperation({
    operationId: "deleteLink",
    method: "DELETE",
    path: "/api/v1/links/{id}",
    tag: "Links",
    summary: "Delete a link",
    description: "A link with an endpoint goes to `deleting` while the endpoint is removed, then `deleted`. Deleting again changes nothing.",
    access: { scope: "write" },
    params: linkId,
    success: { status: 202, description: "Deletion accepted; the link as it is now.", schema: linkViewSchema },
    errors: [409],
  }),
  verifyLink: defineOperation({
    operationId: "verifyLink",
    method: "POST",
    path: "/api/v1/links/{id}/verify",
    tag: "Links",
    summary: "Verify a link again",
    description: `After you fixed what a failed check named (for example allowlisted the principal). ${allowedInSentence("verify")}`,
    access: { scope: "write" },
    params: linkId,
    success: { status: 202, description: "Verification queued; the link, verifying.", schema: linkViewSchema },
    errors: [409],
  }),
  listLinkEvents: defineOperation({
    operationId: "listLinkEvents",
    method: "GET",
    path: "/api/v1/links/{id}/events",
    tag: "Links",
    summary: "A link's timeline, oldest first",
    description: "Cursor-paginated like every list: pass `nextCursor` as `cursor` until it is null.",
    access: { scope: "read" },
    params: linkId,
    query: pageQuerySchema(100),
    success: { status: 200, description: "A page of the link's state changes.", schema: linkEventPageSchema },
  }),
  adminListLinks: defineOperation({
    operationId: "adminListLinks",
    method: "GET",
    path: "/api/v1/admin/links",
    tag: "Admin",
    summary: "Every organization's links, newest first: the fleet and the approval queue",
    description:
      "Filter by state, region, organization, last error code and age (`createdBefore`); `q` searches names, service names, endpoint ids, owner accounts and organizations (name or slug).",
    access: { scope: "read", admin: true },
    query: adminListLinksQuerySchema,
    success: { status: 200, description: "A page of links, each with its organization.", schema: linkPageSchema },
  }),
  adminGetLink: defineOperation({
    operationId: "adminGetLink",
    method: "GET",
    path: "/api/v1/admin/links/{id}",
    tag: "Admin",
    summary: "One link of any organization, with its timeline and AWS facts",
    access: { scope: "read", admin: true },
    params: linkId,
    success: { status: 200, description: "The link, its organization's principal and its newest events.", schema: adminLinkDetailSchema },
  }),
  approveLink: defineOperation({
    operationId: "approveLink",
    method: "POST",
    path: "/api/v1/admin/links/{id}/approve",
    tag: "Admin",
    summary: "Approve a link waiting for approval; provisioning starts",
    description: allowedInSentence("approve"),
    access: { scope: "write", admin: true },
    params: linkId,
    success: { status: 200, description: "The link, provisioning.", schema: linkViewSchema },
    errors: [409],
  }),
  denyLink: defineOperation({
    operationId: "denyLink",
    method: "POST",
    path: "/api/v1/admin/links/{id}/deny",
    tag: "Admin",
    summary: "Deny a link waiting for approval, saying why",
    description: allowedInSentence("deny"),
    access: { scope: "write", admin: true },
    params: linkId,
    body: denyLinkInputSchema,
    success: { status: 200, description: "The link, denied.", schema: linkViewSchema },
    errors: [409],
  }),
  retryLink: defineOperation({
    operationId: "retryLink",
    method: "POST",
    path: "/api/v1/admin/links/{id}/retry",
    tag: "Admin",
    summary: "Provision a failed link again",
    description: allowedInSentence("retry"),
    access: { scope: "write", admin: true },
    params: linkId,
    success: { status: 200, description: "The link, provisioning.", schema: linkViewSchema },
    errors: [409],
  }),
  reconcileLink: defineOperation({
    operationId: "reconcileLink",
    method: "POST",
    path: "/api/v1/admin/links/{id}/reconcile",
    tag: "Admin",
    summary: "Look at a link's endpoint in AWS now",
    description:
      "Makes the link due for the reconciler and queues a pass, instead of waiting for its next check. For links that may hold an endpoint; otherwise a 409.",
    access: { scope: "write", admin: true },
    params: linkId,
    success: { status: 202, description: "A pass is queued; the link as it is now.", schema: linkViewSchema },
    errors: [409],
  }),
  createApiKey: defineOperation({
    operationId: "createApiKey",
    method: "POST",
    path: "/api/v1/api-keys",
    tag: "API keys",
    summary: "Create an API key (organization owners and vendor admins, signed in)",
    description: "The whole key is in this answer only; we store its hash. An owner creates a key of their organization; a vendor admin creates an admin key.",
    access: { scope: "write", owner: true },
    body: createApiKeyInputSchema,
    success: { status: 201, description: "The key, with its secret.", schema: createdApiKeySchema },
  }),
  listApiKeys: defineOperation({
    operationId: "listApiKeys",
    method: "GET",
    path: "/api/v1/api-keys",
    tag: "API keys",
    summary: "Your organization's API keys, or a vendor admin's admin keys (without secrets)",
    access: { scope: "read", owner: true },
    query: pageQuerySchema(50),
    success: { status: 200, description: "A page of keys, newest first.", schema: apiKeyPageSchema },
  }),
  revokeApiKey: defineOperation({
    operationId: "revokeApiKey",
    method: "DELETE",
    path: "/api/v1/api-keys/{id}",
    tag: "API keys",
    summary: "Revoke an API key; it stops working at once",
    access: { scope: "write", owner: true },
    params: z.object({ id: idParam("API key", "The key's id.") }),
    success: { status: 200, description: "The key, revoked.", schema: apiKeyViewSchema },
  }),
};

/** Everything the OpenAPI document lists: these, and the organization, AWS account, webhook, member, region, audit and upgrade request routes'. */
export const OPERATIONS: readonly AnyOperation[] = [
  ...Object.values(operations),
  ...Object.values(organizationOperations),
  ...Object.values(awsAccountOperations),
  ...Object.values(webhookOperations),
  ...Object.values(memberOperations),
  ...Object.values(regionOperations),
  ...Object.values(adminOperations),
  ...Object.values(upgradeRequestOperations),
] as AnyOperation[];

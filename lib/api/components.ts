import type { z } from "zod";
import { createLinkInputSchema, denyLinkInputSchema, linkActionSchema, linkCheckSchema, linkStateSchema } from "@/lib/links/schemas";
import { linkEventViewSchema, linkViewSchema } from "@/lib/links/views";
import {
  awsAccountListSchema,
  awsAccountViewSchema,
  declareAwsAccountInputSchema,
  organizationPageSchema,
  organizationViewSchema,
  proofInstructionsSchema,
  updateOrganizationInputSchema,
} from "@/lib/orgs/schemas";
import {
  changeMemberRoleInputSchema,
  createdInvitationSchema,
  createInvitationInputSchema,
  invitationPageSchema,
  invitationViewSchema,
  joinedOrganizationSchema,
  joinInvitationInputSchema,
  memberPageSchema,
  memberViewSchema,
} from "@/lib/orgs/member-schemas";
import {
  webhookCreatedViewSchema,
  webhookCreateInputSchema,
  webhookDeliveryPageSchema,
  webhookDeliveryViewSchema,
  webhookEventTypeSchema,
  webhookPageSchema,
  webhookPayloadSchema,
  webhookTestPayloadSchema,
  webhookViewSchema,
} from "@/lib/webhooks/schemas";
import { auditEntryViewSchema, auditPageSchema } from "@/lib/audit-log/schemas";
import { adminLinkDetailSchema } from "@/lib/links/admin-schemas";
import { adminMetricsSchema } from "@/lib/metrics/schemas";
import { adminOrganizationDetailSchema, organizationPrincipalSchema } from "@/lib/orgs/admin-schemas";
import { regionChangesSchema, regionListSchema, regionViewSchema } from "@/lib/regions/schemas";
import {
  approveUpgradeRequestInputSchema,
  createUpgradeRequestInputSchema,
  denyUpgradeRequestInputSchema,
  upgradeRequestPageSchema,
  upgradeRequestStatusSchema,
  upgradeRequestViewSchema,
} from "@/lib/upgrade-requests/schemas";
import {
  apiKeyPageSchema,
  apiKeyViewSchema,
  apiScopeSchema,
  connectivitySchema,
  createApiKeyInputSchema,
  createdApiKeySchema,
  linkEventPageSchema,
  linkPageSchema,
  problemSchema,
} from "./schemas";

/**
 * The names the OpenAPI document gives the API's schemas (components.schemas, referenced with
 * $ref), so a client generated from it has a `Link`, a `Webhook`, a `Problem`... Answers are named
 * as resources, bodies as `...Input`. Every schema an operation uses whole, or inside another, is
 * named here once; `WebhookPayload` too, which no operation answers but every receiver parses.
 */
export const COMPONENT_NAMES = new Map<z.ZodType, string>([
  [problemSchema, "Problem"],
  [linkViewSchema, "Link"],
  [linkStateSchema, "LinkState"],
  [linkActionSchema, "LinkAction"],
  [linkCheckSchema, "LinkCheck"],
  [linkPageSchema, "LinkPage"],
  [linkEventViewSchema, "LinkEvent"],
  [linkEventPageSchema, "LinkEventPage"],
  [createLinkInputSchema, "CreateLinkInput"],
  [denyLinkInputSchema, "DenyLinkInput"],
  [connectivitySchema, "Connectivity"],
  [organizationViewSchema, "Organization"],
  [organizationPageSchema, "OrganizationPage"],
  [adminOrganizationDetailSchema, "AdminOrganization"],
  [adminMetricsSchema, "AdminMetrics"],
  [organizationPrincipalSchema, "OrganizationPrincipal"],
  [updateOrganizationInputSchema, "UpdateOrganizationInput"],
  [awsAccountViewSchema, "AwsAccount"],
  [awsAccountListSchema, "AwsAccountList"],
  [proofInstructionsSchema, "ProofInstructions"],
  [declareAwsAccountInputSchema, "DeclareAwsAccountInput"],
  [apiScopeSchema, "ApiScope"],
  [apiKeyViewSchema, "ApiKey"],
  [createdApiKeySchema, "CreatedApiKey"],
  [apiKeyPageSchema, "ApiKeyPage"],
  [createApiKeyInputSchema, "CreateApiKeyInput"],
  [webhookViewSchema, "Webhook"],
  [webhookCreatedViewSchema, "CreatedWebhook"],
  [webhookPageSchema, "WebhookPage"],
  [webhookCreateInputSchema, "CreateWebhookInput"],
  [webhookEventTypeSchema, "WebhookEventType"],
  [webhookDeliveryViewSchema, "WebhookDelivery"],
  [webhookDeliveryPageSchema, "WebhookDeliveryPage"],
  [webhookPayloadSchema, "WebhookPayload"],
  [webhookTestPayloadSchema, "WebhookTestPayload"],
  [memberViewSchema, "Member"],
  [memberPageSchema, "MemberPage"],
  [changeMemberRoleInputSchema, "ChangeMemberRoleInput"],
  [invitationViewSchema, "Invitation"],
  [createdInvitationSchema, "CreatedInvitation"],
  [invitationPageSchema, "InvitationPage"],
  [createInvitationInputSchema, "CreateInvitationInput"],
  [joinInvitationInputSchema, "JoinInvitationInput"],
  [joinedOrganizationSchema, "JoinedOrganization"],
  [adminLinkDetailSchema, "AdminLinkDetail"],
  [auditEntryViewSchema, "AuditEntry"],
  [auditPageSchema, "AuditEntryPage"],
  [regionViewSchema, "Region"],
  [regionListSchema, "RegionList"],
  [regionChangesSchema, "SaveRegionInput"],
  [upgradeRequestViewSchema, "UpgradeRequest"],
  [upgradeRequestPageSchema, "UpgradeRequestPage"],
  [upgradeRequestStatusSchema, "UpgradeRequestStatus"],
  [createUpgradeRequestInputSchema, "CreateUpgradeRequestInput"],
  [approveUpgradeRequestInputSchema, "ApproveUpgradeRequestInput"],
  [denyUpgradeRequestInputSchema, "DenyUpgradeRequestInput"],
]);

/** Components no operation references, listed all the same. */
export const UNREFERENCED_COMPONENTS: z.ZodType[] = [webhookPayloadSchema, webhookTestPayloadSchema];

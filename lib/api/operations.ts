import type { z } from "zod";
import { accountOperations } from "./account-operations";
import { adminOperations } from "./admin-operations";
import { apiKeyOperations } from "./api-key-operations";
import { awsAccountOperations } from "./aws-account-operations";
import { connectivityOperations } from "./connectivity-operations";
import { linkOperations } from "./link-operations";
import { memberOperations } from "./member-operations";
import { notificationOperations } from "./notification-operations";
import { mfaOperations } from "./mfa-operations";
import type { AnyOperation } from "./operation";
import { organizationOperations } from "./organization-operations";
import { planOperations } from "./plan-operations";
import { regionOperations } from "./region-operations";
import { ssoOperations } from "./sso-operations";
import { resetOperations } from "./reset-operations";
import { upgradeRequestOperations } from "./upgrade-request-operations";
import { webhookEventSchemas, webhookOperations } from "./webhook-operations";

/** Every operation of /api/v1, in the document's order; each domain's in its own file, which its route files read. */
export const OPERATIONS: readonly AnyOperation[] = [
  ...Object.values(connectivityOperations),
  ...Object.values(linkOperations),
  ...Object.values(apiKeyOperations),
  ...Object.values(organizationOperations),
  ...Object.values(awsAccountOperations),
  ...Object.values(webhookOperations),
  ...Object.values(memberOperations),
  ...Object.values(ssoOperations),
  ...Object.values(regionOperations),
  ...Object.values(planOperations),
  ...Object.values(adminOperations),
  ...Object.values(upgradeRequestOperations),
  ...Object.values(accountOperations),
  ...Object.values(notificationOperations),
  ...Object.values(resetOperations),
  ...Object.values(mfaOperations),
] as AnyOperation[];

/** Schemas the document names although no operation answers or takes them. */
export const UNREFERENCED_SCHEMAS: readonly z.ZodType[] = webhookEventSchemas;

import * as connectivity from "@/app/api/v1/connectivity/route";
import * as links from "@/app/api/v1/links/route";
import * as link from "@/app/api/v1/links/[id]/route";
import * as verify from "@/app/api/v1/links/[id]/verify/route";
import * as reconnect from "@/app/api/v1/links/[id]/reconnect/route";
import * as events from "@/app/api/v1/links/[id]/events/route";
import * as probe from "@/app/api/v1/links/[id]/probe/route";
import * as linkProbes from "@/app/api/v1/links/[id]/connectivity/route";
import * as adminLinks from "@/app/api/v1/admin/links/route";
import * as adminLink from "@/app/api/v1/admin/links/[id]/route";
import * as approve from "@/app/api/v1/admin/links/[id]/approve/route";
import * as deny from "@/app/api/v1/admin/links/[id]/deny/route";
import * as retry from "@/app/api/v1/admin/links/[id]/retry/route";
import * as reconcile from "@/app/api/v1/admin/links/[id]/reconcile/route";
import * as release from "@/app/api/v1/admin/links/[id]/release/route";
import * as organizations from "@/app/api/v1/admin/organizations/route";
import * as organization from "@/app/api/v1/admin/organizations/[id]/route";
import * as organizationPrincipal from "@/app/api/v1/admin/organizations/[id]/principal/route";
import * as regions from "@/app/api/v1/admin/regions/route";
import * as auditLog from "@/app/api/v1/admin/audit-log/route";
import * as auditExport from "@/app/api/v1/admin/audit-log/export/route";
import * as adminMetrics from "@/app/api/v1/admin/metrics/route";
import * as adminOrphans from "@/app/api/v1/admin/orphans/route";
import * as adminOrphan from "@/app/api/v1/admin/orphans/[endpointId]/route";
import * as region from "@/app/api/v1/admin/regions/[region]/route";
import * as plans from "@/app/api/v1/admin/plans/route";
import * as plan from "@/app/api/v1/admin/plans/[plan]/route";
import * as apiKeys from "@/app/api/v1/api-keys/route";
import * as awsAccounts from "@/app/api/v1/aws-accounts/route";
import * as awsAccount from "@/app/api/v1/aws-accounts/[id]/route";
import * as awsAccountVerify from "@/app/api/v1/aws-accounts/[id]/verify/route";
import * as apiKey from "@/app/api/v1/api-keys/[id]/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as setupKit from "@/app/api/v1/setup-kits/[format]/route";
import * as signUp from "@/app/api/v1/sign-up/route";
import * as unknownPath from "@/app/api/v1/[...path]/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import * as webhook from "@/app/api/v1/webhooks/[id]/route";
import * as webhookDeliveries from "@/app/api/v1/webhooks/[id]/deliveries/route";
import * as webhookDeliveryRetry from "@/app/api/v1/webhooks/[id]/deliveries/[deliveryId]/retry/route";
import * as webhookTest from "@/app/api/v1/webhooks/[id]/test/route";
import * as webhookEnable from "@/app/api/v1/webhooks/[id]/enable/route";
import * as members from "@/app/api/v1/members/route";
import * as member from "@/app/api/v1/members/[id]/route";
import * as invitations from "@/app/api/v1/invitations/route";
import * as invitation from "@/app/api/v1/invitations/[id]/route";
import * as invitationJoin from "@/app/api/v1/invitations/join/route";
import * as invitationAccept from "@/app/api/v1/invitations/accept/route";
import * as upgradeRequests from "@/app/api/v1/upgrade-requests/route";
import * as planSummary from "@/app/api/v1/plan/route";
import * as adminUpgradeRequests from "@/app/api/v1/admin/upgrade-requests/route";
import * as approveUpgradeRequest from "@/app/api/v1/admin/upgrade-requests/[id]/approve/route";
import * as denyUpgradeRequest from "@/app/api/v1/admin/upgrade-requests/[id]/deny/route";
import * as mySessions from "@/app/api/v1/me/sessions/route";
import * as mySession from "@/app/api/v1/me/sessions/[id]/route";
import * as myEmailVerification from "@/app/api/v1/me/email-verification/route";
import * as myPassword from "@/app/api/v1/me/password/route";
import * as myNotifications from "@/app/api/v1/me/notifications/route";
import * as mySsoLink from "@/app/api/v1/me/sso-link/route";
import * as sso from "@/app/api/v1/sso/route";
import * as ssoDomains from "@/app/api/v1/sso/domains/route";
import * as ssoDomain from "@/app/api/v1/sso/domains/[id]/route";
import * as ssoDomainVerify from "@/app/api/v1/sso/domains/[id]/verify/route";
import * as ssoDiscover from "@/app/api/v1/sso/discover/route";
import * as adminSsoDomains from "@/app/api/v1/admin/organizations/[id]/sso-domains/route";
import * as myMfa from "@/app/api/v1/me/mfa/route";
import * as myRecoveryCodes from "@/app/api/v1/me/mfa/recovery-codes/route";
import * as myTotp from "@/app/api/v1/me/mfa/totp/route";
import * as myTotpConfirm from "@/app/api/v1/me/mfa/totp/confirm/route";
import * as myPasskeys from "@/app/api/v1/me/passkeys/route";
import * as myPasskey from "@/app/api/v1/me/passkeys/[id]/route";
import * as myPasskeyOptions from "@/app/api/v1/me/passkeys/options/route";
import * as organizationMfa from "@/app/api/v1/organization/mfa/route";
import * as signInPasskeyOptions from "@/app/api/v1/sign-in/passkey-options/route";
import { OPERATIONS } from "@/lib/api/operations";
import { appUrl } from "@/lib/env";
import type { Caller } from "../fixtures/callers";

/** Route handlers called as functions with real Requests, as Next calls them. */

export type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type RouteModule = Record<"GET" | "HEAD" | "OPTIONS" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>;

/** OpenAPI path template -> route module, for every route file under app/api/v1. */
export const MODULES = {
  "/api/v1/connectivity": connectivity,
  "/api/v1/setup-kits/{format}": setupKit,
  "/api/v1/links": links,
  "/api/v1/links/{id}": link,
  "/api/v1/links/{id}/verify": verify,
  "/api/v1/links/{id}/events": events,
  "/api/v1/links/{id}/probe": probe,
  "/api/v1/links/{id}/connectivity": linkProbes,
  "/api/v1/admin/links": adminLinks,
  "/api/v1/admin/links/{id}": adminLink,
  "/api/v1/admin/links/{id}/approve": approve,
  "/api/v1/admin/links/{id}/deny": deny,
  "/api/v1/admin/links/{id}/retry": retry,
  "/api/v1/admin/links/{id}/reconcile": reconcile,
  "/api/v1/admin/links/{id}/release": release,
  "/api/v1/links/{id}/reconnect": reconnect,
  "/api/v1/admin/organizations": organizations,
  "/api/v1/admin/organizations/{id}": organization,
  "/api/v1/admin/organizations/{id}/principal": organizationPrincipal,
  "/api/v1/admin/regions": regions,
  "/api/v1/admin/audit-log": auditLog,
  "/api/v1/admin/audit-log/export": auditExport,
  "/api/v1/admin/metrics": adminMetrics,
  "/api/v1/admin/orphans": adminOrphans,
  "/api/v1/admin/orphans/{endpointId}": adminOrphan,
  "/api/v1/admin/regions/{region}": region,
  "/api/v1/admin/plans": plans,
  "/api/v1/admin/plans/{plan}": plan,
  "/api/v1/api-keys": apiKeys,
  "/api/v1/api-keys/{id}": apiKey,
  "/api/v1/aws-accounts": awsAccounts,
  "/api/v1/aws-accounts/{id}": awsAccount,
  "/api/v1/aws-accounts/{id}/verify": awsAccountVerify,
  "/api/v1/openapi.json": openapi,
  "/api/v1/sign-up": signUp,
  "/api/v1/webhooks": webhooks,
  "/api/v1/webhooks/{id}": webhook,
  "/api/v1/webhooks/{id}/deliveries": webhookDeliveries,
  "/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry": webhookDeliveryRetry,
  "/api/v1/webhooks/{id}/enable": webhookEnable,
  "/api/v1/webhooks/{id}/test": webhookTest,
  "/api/v1/members": members,
  "/api/v1/members/{id}": member,
  "/api/v1/invitations": invitations,
  "/api/v1/invitations/{id}": invitation,
  "/api/v1/invitations/join": invitationJoin,
  "/api/v1/invitations/accept": invitationAccept,
  "/api/v1/upgrade-requests": upgradeRequests,
  "/api/v1/plan": planSummary,
  "/api/v1/admin/upgrade-requests": adminUpgradeRequests,
  "/api/v1/admin/upgrade-requests/{id}/approve": approveUpgradeRequest,
  "/api/v1/admin/upgrade-requests/{id}/deny": denyUpgradeRequest,
  "/api/v1/me/sessions": mySessions,
  "/api/v1/me/sessions/{id}": mySession,
  "/api/v1/me/email-verification": myEmailVerification,
  "/api/v1/me/password": myPassword,
  "/api/v1/me/notifications": myNotifications,
  "/api/v1/me/sso-link": mySsoLink,
  "/api/v1/sso": sso,
  "/api/v1/sso/domains": ssoDomains,
  "/api/v1/sso/domains/{id}": ssoDomain,
  "/api/v1/sso/domains/{id}/verify": ssoDomainVerify,
  "/api/v1/sso/discover": ssoDiscover,
  "/api/v1/admin/organizations/{id}/sso-domains": adminSsoDomains,
  "/api/v1/me/mfa": myMfa,
  "/api/v1/me/mfa/totp": myTotp,
  "/api/v1/me/mfa/totp/confirm": myTotpConfirm,
  "/api/v1/me/mfa/recovery-codes": myRecoveryCodes,
  "/api/v1/me/passkeys": myPasskeys,
  "/api/v1/me/passkeys/options": myPasskeyOptions,
  "/api/v1/me/passkeys/{id}": myPasskey,
  "/api/v1/organization/mfa": organizationMfa,
  "/api/v1/sign-in/passkey-options": signInPasskeyOptions,
} as unknown as Record<string, RouteModule>;

/** Any other path under /api/v1 (the catch-all route). */
export const UNKNOWN_PATH = unknownPath as unknown as RouteModule;

/** operationId -> handler, for every operation the OpenAPI document lists. */
export const HANDLERS: Record<string, Handler> = Object.fromEntries(OPERATIONS.map((op) => [op.operationId, MODULES[op.path]![op.method]]));

export const getOpenApi = openapi.GET as unknown as Handler;

export type Call = {
  method: string;
  /** Concrete path, e.g. /api/v1/links/<id>?limit=2 */
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  /** A raw body, sent as is (with `contentType`). */
  raw?: string;
  contentType?: string;
  caller?: Caller;
  headers?: Record<string, string>;
};

export async function call(handler: Handler, { method, path, params = {}, body, raw, contentType, caller = {}, headers = {} }: Call): Promise<Response> {
  const h: Record<string, string> = { ...caller.headers, ...headers };
  if (caller.key) h.authorization = `Bearer ${caller.key}`;
  if (caller.cookie) {
    h.cookie = caller.cookie;
    if (method !== "GET" && !("origin" in h)) h.origin = new URL(appUrl()).origin;
  }
  const text = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  if (text !== undefined) h["content-type"] = contentType ?? "application/json";
  const request = new Request(`http://localhost${path}`, { method, headers: h, body: text });
  return handler(request, { params: Promise.resolve(params) });
}

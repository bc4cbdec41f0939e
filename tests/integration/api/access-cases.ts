import type { Db } from "@/lib/db/client";
import type { LinkState } from "@/lib/links/state-machine";
import { createOrganization } from "../fixtures/app";
import type { CallerProfile } from "../fixtures/callers";

/**
 * For each operation, a request that succeeds for a caller its declared access admits (access-matrix.int.test.ts derives who
 * that is), made afresh for each caller: what it acts on is made first. `ok` is the admitted caller's status; `other` the
 * other organization's (its resources are not found), `admin` a vendor admin's acting across organizations, when they differ.
 */
export type AccessCase = {
  request: (caller: { profile: CallerProfile; membershipId: string | null }) => Promise<Request> | Request;
  ok: number;
  other?: number;
  admin?: number;
};

type Request = { path: string; params?: Record<string, string>; body?: unknown };

export type World = { db: () => Db; orgA: () => string };

let unique = 0;
const next = () => (unique += 1);
const service = () => `com.amazonaws.vpce.us-east-1.vpce-svc-${next().toString(16).padStart(17, "a")}`;
const at = (template: string, id: string, more: Record<string, string> = {}): Request => {
  const params = { id, ...more };
  return { path: template.replace(/\{(\w+)\}/g, (_, name: string) => params[name as keyof typeof params]!), params };
};
const UNKNOWN_TOKEN = `inv_${"A".repeat(43)}`;

export function accessCases({ db, orgA }: World): Record<string, AccessCase> {
  const link = async (state: LinkState) =>
    (
      await db().link.create({
        data: {
          organizationId: orgA(),
          name: `matrix-${next()}`,
          serviceName: service(),
          serviceRegion: "us-east-1",
          region: "us-east-1",
          ports: [5432],
          state,
        },
      })
    ).id;
  const awsAccount = async () => (await db().awsAccount.create({ data: { organizationId: orgA(), accountId: String(100_000_000_000 + next()) } })).id;
  const member = async () => {
    const user = await db().user.create({ data: { email: `matrix-member-${next()}@example.com` } });
    return (await db().membership.create({ data: { organizationId: orgA(), userId: user.id, role: "member" } })).id;
  };
  const invitation = async () =>
    (
      await db().invitation.create({
        data: {
          organizationId: orgA(),
          email: `matrix-invitee-${next()}@example.com`,
          tokenHash: `hash-${next()}`,
          expiresAt: new Date(Date.now() + 86_400_000),
        },
      })
    ).id;
  const webhook = async () =>
    (await db().webhook.create({ data: { organizationId: orgA(), url: "https://hooks.example.com/in", eventTypes: ["link.state_changed"], secret: "s" } })).id;
  const failedDelivery = async () => {
    const webhookId = await webhook();
    const delivery = await db().webhookDelivery.create({
      data: { webhookId, eventId: BigInt(next()), eventType: "link.available", payload: "{}", status: "failed", attemptCount: 12 },
    });
    return at("/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry", webhookId, { deliveryId: delivery.id });
  };
  const openUpgradeRequest = async () => {
    const { org } = await createOrganization({ plan: "team" });
    return (await db().upgradeRequest.create({ data: { organizationId: org.id, currentPlan: "team", requestedPlan: "enterprise" } })).id;
  };
  /** A region with no links (written directly: saving one is tested in tests/integration/regions). */
  const spareRegion = async () => {
    const data = { vpcId: "vpc-0123456789abcdef0", subnets: [], securityGroupIds: ["sg-0123456789abcdef0"], cidrs: ["10.0.0.0/16"], ports: [443] };
    await db().vendorRegion.upsert({ where: { region: "ca-central-1" }, create: { region: "ca-central-1", ...data }, update: data });
  };
  // Every organization has a provider at the same issuer: saving it again checks nothing over the network.
  const everyOrganizationHasSso = async () => {
    for (const { id } of await db().organization.findMany({ select: { id: true } })) {
      const fields = { displayName: "Matrix IdP", issuer: "https://idp.example.com", clientId: "matrix", clientSecretEncrypted: "v1.x.y.z" };
      await db().organizationSso.upsert({ where: { organizationId: id }, create: { organizationId: id, ...fields }, update: fields });
    }
  };
  // Verified already, so verifying asks no DNS.
  const ssoDomain = async () =>
    (await db().ssoDomain.create({ data: { organizationId: orgA(), domain: `matrix-${next()}.example.com`, verificationToken: "t", verifiedAt: new Date() } }))
      .id;
  const orphan = async () => {
    const endpointId = `vpce-${next().toString(16).padStart(17, "0")}`;
    await db().orphanEndpoint.create({
      data: { endpointId, region: "us-east-1", serviceName: service(), azIds: ["use1-az1"], deleteAt: new Date(Date.now() + 86_400_000) },
    });
    return { path: `/api/v1/admin/orphans/${endpointId}`, params: { endpointId } };
  };
  const organization = (suffix = "") => ({ path: `/api/v1/admin/organizations/${orgA()}${suffix}`, params: { id: orgA() } });

  return {
    getConnectivity: { request: () => ({ path: "/api/v1/connectivity" }), ok: 200 },
    getSetupKit: { request: () => ({ path: "/api/v1/setup-kits/cli?region=us-east-1&target=ip", params: { format: "cli" } }), ok: 200 },
    createLink: { request: () => ({ path: "/api/v1/links", body: { name: `db-${next()}`, serviceName: service(), region: "us-east-1" } }), ok: 201 },
    listLinks: { request: () => ({ path: "/api/v1/links" }), ok: 200 },
    getLink: { request: async () => at("/api/v1/links/{id}", await link("pending_approval")), ok: 200, other: 404 },
    deleteLink: { request: async () => at("/api/v1/links/{id}", await link("verification_failed")), ok: 202, other: 404 },
    verifyLink: { request: async () => at("/api/v1/links/{id}/verify", await link("verification_failed")), ok: 202, other: 404 },
    probeLink: { request: async () => at("/api/v1/links/{id}/probe", await link("available")), ok: 202, other: 404 },
    listLinkProbes: { request: async () => at("/api/v1/links/{id}/connectivity", await link("available")), ok: 200, other: 404 },
    listLinkEvents: { request: async () => at("/api/v1/links/{id}/events", await link("verifying")), ok: 200, other: 404 },
    adminListLinks: { request: () => ({ path: "/api/v1/admin/links" }), ok: 200 },
    adminGetLink: { request: async () => at("/api/v1/admin/links/{id}", await link("failed")), ok: 200 },
    approveLink: { request: async () => at("/api/v1/admin/links/{id}/approve", await link("pending_approval")), ok: 200 },
    denyLink: {
      request: async () => ({ ...at("/api/v1/admin/links/{id}/deny", await link("pending_approval")), body: { reason: "not a customer" } }),
      ok: 200,
    },
    retryLink: { request: async () => at("/api/v1/admin/links/{id}/retry", await link("failed")), ok: 200 },
    reconcileLink: { request: async () => at("/api/v1/admin/links/{id}/reconcile", await link("failed")), ok: 202 },
    releaseLink: { request: async () => at("/api/v1/admin/links/{id}/release", await link("rejected")), ok: 202 },
    reconnectLink: { request: async () => at("/api/v1/links/{id}/reconnect", await link("disconnected")), ok: 202, other: 404 },
    // A vendor admin's session manages admin keys, so an organization's key is not found to it.
    createApiKey: { request: () => ({ path: "/api/v1/api-keys", body: { name: "ci", scopes: ["read"] } }), ok: 201 },
    listApiKeys: { request: () => ({ path: "/api/v1/api-keys" }), ok: 200 },
    revokeApiKey: {
      request: async () => {
        const key = await db().apiKey.create({
          data: { organizationId: orgA(), name: "victim", prefix: `v${String(next()).padStart(7, "0")}`, secretHash: "x", scopes: ["read"] },
        });
        return at("/api/v1/api-keys/{id}", key.id);
      },
      ok: 200,
      admin: 404,
    },
    adminListOrganizations: { request: () => ({ path: "/api/v1/admin/organizations" }), ok: 200 },
    adminGetOrganization: { request: () => organization(), ok: 200 },
    updateOrganization: { request: () => ({ ...organization(), body: { linkQuota: 1000 } }), ok: 200 },
    adminRepairOrganizationPrincipal: { request: () => organization("/principal"), ok: 200 },
    listAwsAccounts: { request: () => ({ path: "/api/v1/aws-accounts" }), ok: 200 },
    declareAwsAccount: { request: () => ({ path: "/api/v1/aws-accounts", body: { accountId: String(200_000_000_000 + next()) } }), ok: 201 },
    verifyAwsAccount: { request: async () => at("/api/v1/aws-accounts/{id}/verify", await awsAccount()), ok: 200, other: 404 },
    removeAwsAccount: { request: async () => at("/api/v1/aws-accounts/{id}", await awsAccount()), ok: 200, other: 404 },
    createWebhook: { request: () => ({ path: "/api/v1/webhooks", body: { url: "http://127.0.0.1:9/hooks", eventTypes: ["link.available"] } }), ok: 201 },
    listWebhooks: { request: () => ({ path: "/api/v1/webhooks" }), ok: 200 },
    getWebhook: { request: async () => at("/api/v1/webhooks/{id}", await webhook()), ok: 200, other: 404 },
    deleteWebhook: { request: async () => at("/api/v1/webhooks/{id}", await webhook()), ok: 204, other: 404 },
    enableWebhook: { request: async () => at("/api/v1/webhooks/{id}/enable", await webhook()), ok: 200, other: 404 },
    listWebhookDeliveries: { request: async () => at("/api/v1/webhooks/{id}/deliveries", await webhook()), ok: 200, other: 404 },
    sendTestWebhookEvent: { request: async () => at("/api/v1/webhooks/{id}/test", await webhook()), ok: 202, other: 404 },
    retryWebhookDelivery: { request: failedDelivery, ok: 202, other: 404 },
    listMembers: { request: () => ({ path: "/api/v1/members" }), ok: 200 },
    changeMemberRole: { request: async () => ({ ...at("/api/v1/members/{id}", await member()), body: { role: "owner" } }), ok: 200, other: 404 },
    // A member signed in may remove only their own membership (the declared `self`).
    removeMember: {
      request: async ({ profile, membershipId }) =>
        at("/api/v1/members/{id}", profile.credential === "session" && profile.role === "member" ? membershipId! : await member()),
      ok: 204,
      other: 404,
    },
    createInvitation: { request: () => ({ path: "/api/v1/invitations", body: { email: `matrix-new-${next()}@example.com` } }), ok: 201 },
    listInvitations: { request: () => ({ path: "/api/v1/invitations" }), ok: 200 },
    revokeInvitation: { request: async () => at("/api/v1/invitations/{id}", await invitation()), ok: 200, other: 404 },
    // An unknown link is not found to whoever may join.
    joinInvitation: { request: () => ({ path: "/api/v1/invitations/join", body: { token: UNKNOWN_TOKEN } }), ok: 404 },
    getSsoSettings: { request: () => ({ path: "/api/v1/sso" }), ok: 200 },
    setSsoProvider: {
      request: async () => {
        await everyOrganizationHasSso();
        return { path: "/api/v1/sso", body: { displayName: "Matrix IdP", issuer: "https://idp.example.com", clientId: "matrix" } };
      },
      ok: 200,
    },
    deleteSsoProvider: {
      request: async () => {
        await everyOrganizationHasSso();
        return { path: "/api/v1/sso" };
      },
      ok: 200,
    },
    claimSsoDomain: { request: () => ({ path: "/api/v1/sso/domains", body: { domain: `matrix-${next()}.example.com` } }), ok: 201 },
    verifySsoDomain: { request: async () => at("/api/v1/sso/domains/{id}/verify", await ssoDomain()), ok: 200, other: 404 },
    removeSsoDomain: { request: async () => at("/api/v1/sso/domains/{id}", await ssoDomain()), ok: 200, other: 404 },
    adminListSsoDomains: { request: () => organization("/sso-domains"), ok: 200 },
    adminVerifySsoDomain: { request: () => ({ ...organization("/sso-domains"), body: { domain: `matrix-admin-${next()}.example.com` } }), ok: 200 },
    adminListRegions: { request: () => ({ path: "/api/v1/admin/regions" }), ok: 200 },
    saveRegion: { request: () => ({ path: "/api/v1/admin/regions/eu-west-1", params: { region: "eu-west-1" }, body: { ports: [5432] } }), ok: 200 },
    removeRegion: {
      request: async () => {
        await spareRegion();
        return { path: "/api/v1/admin/regions/ca-central-1", params: { region: "ca-central-1" } };
      },
      ok: 200,
    },
    adminListPlans: { request: () => ({ path: "/api/v1/admin/plans" }), ok: 200 },
    createPlan: {
      request: () => ({
        path: "/api/v1/admin/plans",
        body: { key: `matrix-${next()}`, name: "Matrix", privateLinks: true, crossRegion: false, resourceEndpoints: false, linkQuota: 5 },
      }),
      ok: 201,
    },
    // The plans of the matrix's organizations keep private links, whatever the quota says.
    updatePlan: { request: () => ({ path: "/api/v1/admin/plans/team", params: { plan: "team" }, body: { linkQuota: 1000 } }), ok: 200 },
    adminListAuditLog: { request: () => ({ path: "/api/v1/admin/audit-log" }), ok: 200 },
    adminExportAuditLog: { request: () => ({ path: "/api/v1/admin/audit-log/export?action=link." }), ok: 200 },
    adminGetMetrics: { request: () => ({ path: "/api/v1/admin/metrics" }), ok: 200 },
    adminListOrphans: { request: () => ({ path: "/api/v1/admin/orphans" }), ok: 200 },
    adminDeleteOrphan: { request: orphan, ok: 202 },
    // The signed-in person's own account: matrix users have no password, and single sign-on is not set up here.
    signOutEverywhere: { request: () => ({ path: "/api/v1/me/sessions" }), ok: 200 },
    changePassword: { request: () => ({ path: "/api/v1/me/password", body: { currentPassword: "not-set", newPassword: "a-long-enough-pass" } }), ok: 409 },
    startSsoLink: { request: () => ({ path: "/api/v1/me/sso-link" }), ok: 409 },
    getNotificationPreferences: { request: () => ({ path: "/api/v1/me/notifications" }), ok: 200 },
    updateNotificationPreferences: { request: () => ({ path: "/api/v1/me/notifications", body: { link_degraded: true } }), ok: 200 },
    // Matrix users' addresses are verified; a session id that is not the caller's is not found (auth/session-list.int.test.ts ends real ones).
    listSessions: { request: () => ({ path: "/api/v1/me/sessions" }), ok: 200 },
    endSession: { request: () => at("/api/v1/me/sessions/{id}", "00000000-0000-4000-8000-000000000000"), ok: 404 },
    resendEmailVerification: { request: () => ({ path: "/api/v1/me/email-verification" }), ok: 409 },
    // Second factors (lib/auth/mfa): matrix users have none, so what needs one is a conflict or not found.
    getMfaStatus: { request: () => ({ path: "/api/v1/me/mfa" }), ok: 200 },
    startTotp: { request: () => ({ path: "/api/v1/me/mfa/totp" }), ok: 201 },
    confirmTotp: { request: () => ({ path: "/api/v1/me/mfa/totp/confirm", body: { code: "123456" } }), ok: 409 },
    removeTotp: { request: () => ({ path: "/api/v1/me/mfa/totp", body: { code: "123456" } }), ok: 404 },
    regenerateRecoveryCodes: { request: () => ({ path: "/api/v1/me/mfa/recovery-codes", body: { code: "123456" } }), ok: 409 },
    passkeyRegistrationOptions: { request: () => ({ path: "/api/v1/me/passkeys/options" }), ok: 200 },
    registerPasskey: { request: () => ({ path: "/api/v1/me/passkeys", body: { response: {} } }), ok: 409 },
    listPasskeys: { request: () => ({ path: "/api/v1/me/passkeys" }), ok: 200 },
    deletePasskey: { request: () => at("/api/v1/me/passkeys/{id}", "00000000-0000-4000-8000-000000000000"), ok: 404 },
    setOrganizationMfa: { request: () => ({ path: "/api/v1/organization/mfa", body: { requireMfa: false } }), ok: 200 },
    // One open request per organization: each caller asks afresh.
    createUpgradeRequest: {
      request: async () => {
        await db().upgradeRequest.deleteMany({ where: { status: "open" } });
        return { path: "/api/v1/upgrade-requests", body: { plan: "enterprise" } };
      },
      ok: 201,
    },
    getPlanSummary: { request: () => ({ path: "/api/v1/plan" }), ok: 200 },
    listUpgradeRequests: { request: () => ({ path: "/api/v1/upgrade-requests" }), ok: 200 },
    adminListUpgradeRequests: { request: () => ({ path: "/api/v1/admin/upgrade-requests" }), ok: 200 },
    approveUpgradeRequest: { request: async () => ({ ...at("/api/v1/admin/upgrade-requests/{id}/approve", await openUpgradeRequest()), body: {} }), ok: 200 },
    denyUpgradeRequest: {
      request: async () => ({ ...at("/api/v1/admin/upgrade-requests/{id}/deny", await openUpgradeRequest()), body: { reason: "not now" } }),
      ok: 200,
    },
  };
}

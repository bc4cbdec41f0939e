import { z } from "zod";
import {
  claimSsoDomainInputSchema,
  discoverSsoInputSchema,
  setSsoProviderInputSchema,
  ssoDiscoverySchema,
  ssoDomainListSchema,
  ssoDomainViewSchema,
  ssoSettingsSchema,
} from "@/lib/sso/schemas";
import { defineOperation } from "./operation";
import { idParam } from "./params";

/** An organization's own single sign-on (lib/sso): its OpenID Connect provider and the email domains it claims. */
const domainId = z.object({ id: idParam("claimed domain", "The claimed domain's id.") });
const organizationId = z.object({ id: idParam("organization", "The organization's id.") });

export const ssoOperations = {
  getSsoSettings: defineOperation({
    operationId: "getSsoSettings",
    method: "GET",
    path: "/api/v1/sso",
    tag: "Single sign-on",
    summary: "Your organization's OpenID Connect provider (never its client secret) and claimed email domains",
    access: { scope: "read", by: ["owner"] },
    success: { status: 200, description: "The settings; `provider` is null until one is set.", schema: ssoSettingsSchema },
  }),
  setSsoProvider: defineOperation({
    operationId: "setSsoProvider",
    method: "PATCH",
    path: "/api/v1/sso",
    tag: "Single sign-on",
    summary: "Set your organization's OpenID Connect provider",
    description:
      "A new or changed issuer is checked first: its discovery document (`<issuer>/.well-known/openid-configuration`) must be reachable over https and name the same issuer, else a 422 on `issuer`. The client secret is stored encrypted. Audited (`sso.create`, `sso.update`, without the secret).",
    access: { scope: "write", by: ["owner"] },
    body: setSsoProviderInputSchema,
    success: { status: 200, description: "The settings.", schema: ssoSettingsSchema },
  }),
  deleteSsoProvider: defineOperation({
    operationId: "deleteSsoProvider",
    method: "DELETE",
    path: "/api/v1/sso",
    tag: "Single sign-on",
    summary: "Remove your organization's provider",
    description: "Its people sign in with a password again (those without one reset it). Claimed domains stay. Audited (`sso.delete`).",
    access: { scope: "write", by: ["owner"] },
    success: { status: 200, description: "The settings, without a provider.", schema: ssoSettingsSchema },
  }),
  claimSsoDomain: defineOperation({
    operationId: "claimSsoDomain",
    method: "POST",
    path: "/api/v1/sso/domains",
    tag: "Single sign-on",
    summary: "Claim an email domain for your organization's single sign-on",
    description:
      "The domain starts unverified: publish the TXT record the answer names (`proofRecordName`, `proofRecordValue`), then verify. Public mail domains are refused; a domain verified for another organization is a 409. Audited (`sso_domain.claim`).",
    access: { scope: "write", by: ["owner"] },
    body: claimSsoDomainInputSchema,
    success: { status: 201, description: "The claimed domain.", schema: ssoDomainViewSchema },
    errors: [409],
  }),
  verifySsoDomain: defineOperation({
    operationId: "verifySsoDomain",
    method: "POST",
    path: "/api/v1/sso/domains/{id}/verify",
    tag: "Single sign-on",
    summary: "Look the domain's TXT proof up in DNS now",
    description: "The answer is the domain, `verified`, or with `lastError` saying what DNS answered. Audited when verified (`sso_domain.verify`).",
    access: { scope: "write", by: ["owner"] },
    params: domainId,
    success: { status: 200, description: "The domain, verified or not.", schema: ssoDomainViewSchema },
    errors: [409],
  }),
  removeSsoDomain: defineOperation({
    operationId: "removeSsoDomain",
    method: "DELETE",
    path: "/api/v1/sso/domains/{id}",
    tag: "Single sign-on",
    summary: "Give up a claimed domain",
    description: "Its people are no longer sent to your provider; members who joined stay. Audited (`sso_domain.remove`).",
    access: { scope: "write", by: ["owner"] },
    params: domainId,
    success: { status: 200, description: "The domain as it was.", schema: ssoDomainViewSchema },
  }),
  adminListSsoDomains: defineOperation({
    operationId: "adminListSsoDomains",
    method: "GET",
    path: "/api/v1/admin/organizations/{id}/sso-domains",
    tag: "Admin",
    summary: "The email domains an organization claims for its single sign-on",
    access: { scope: "read", by: ["admin"] },
    params: organizationId,
    success: { status: 200, description: "The domains, oldest first.", schema: ssoDomainListSchema },
  }),
  adminVerifySsoDomain: defineOperation({
    operationId: "adminVerifySsoDomain",
    method: "POST",
    path: "/api/v1/admin/organizations/{id}/sso-domains",
    tag: "Admin",
    summary: "Set a domain verified for an organization, without DNS",
    description:
      "Claims the domain for the organization if it does not yet, and marks it verified by a vendor admin. 409 when it is verified for another organization. Audited (`sso_domain.verify`, `by: admin`).",
    access: { scope: "write", by: ["admin"] },
    params: organizationId,
    body: claimSsoDomainInputSchema,
    success: { status: 200, description: "The domain, verified.", schema: ssoDomainViewSchema },
    errors: [409],
  }),
};

// The sign-in page's: public, so not in the document (nor in OPERATIONS).
export const ssoPublicOperations = {
  discoverSso: defineOperation({
    operationId: "discoverSso",
    method: "POST",
    path: "/api/v1/sso/discover",
    tag: "Portal",
    summary: "Whether an address's domain signs in through an organization's provider (the sign-in page)",
    description: "Answers from the domain alone, the same whether or not the address has an account. 60 lookups a minute per client address (429 past it).",
    access: "public",
    body: discoverSsoInputSchema,
    success: { status: 200, description: "The provider to offer, or null.", schema: ssoDiscoverySchema },
  }),
};

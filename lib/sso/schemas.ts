import { z } from "zod";
import { emailSchema } from "@/lib/validation";
import { domainSchema } from "./domain-proof";

// Client-safe: the Settings section, the sign-in form and the admin page use these too.

export const setSsoProviderInputSchema = z
  .object({
    displayName: z.string().trim().min(1, "Enter the name people will see: Continue with …").max(60, "At most 60 characters"),
    issuer: z.string().trim().min(1, "Enter your provider's issuer URL").max(500, "At most 500 characters"),
    clientId: z.string().trim().min(1, "Enter the client id your provider gave the portal").max(500, "At most 500 characters"),
    clientSecret: z
      .string()
      .min(1, "Enter the client secret")
      .max(2000, "At most 2000 characters")
      .optional()
      .describe("Required the first time; left out, the stored secret stays. Never answered."),
    enabled: z.boolean().default(true),
    requireSso: z.boolean().default(false).describe("People of your verified domains may not sign in with a password."),
  })
  .meta({ id: "SetSsoProviderInput" });
export type SetSsoProviderInput = z.infer<typeof setSsoProviderInputSchema>;

export const ssoProviderViewSchema = z
  .object({
    providerId: z.string().describe("next-auth's provider id: sign-in starts at /api/auth/signin/{providerId}."),
    displayName: z.string(),
    issuer: z.string(),
    clientId: z.string(),
    hasClientSecret: z.boolean().describe("The secret itself is never answered."),
    enabled: z.boolean(),
    requireSso: z.boolean(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "SsoProvider" });
export type SsoProviderView = z.infer<typeof ssoProviderViewSchema>;

export const ssoDomainViewSchema = z
  .object({
    id: z.uuid(),
    domain: z.string(),
    verified: z.boolean(),
    verifiedAt: z.iso.datetime().nullable(),
    verifiedBy: z.enum(["dns", "admin"]).nullable(),
    proofRecordName: z.string().describe("Publish a TXT record at this name..."),
    proofRecordValue: z.string().describe("...holding this value, then verify."),
    lastCheckedAt: z.iso.datetime().nullable(),
    lastError: z.string().nullable().describe("Why the last check did not verify the domain."),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "SsoDomain" });
export type SsoDomainView = z.infer<typeof ssoDomainViewSchema>;

export const ssoSettingsSchema = z
  .object({
    provider: ssoProviderViewSchema.nullable(),
    domains: z.array(ssoDomainViewSchema),
    redirectUri: z.string().describe("Register this redirect (callback) URI with your provider."),
  })
  .meta({ id: "SsoSettings" });
export type SsoSettings = z.infer<typeof ssoSettingsSchema>;

export const claimSsoDomainInputSchema = z.object({ domain: domainSchema }).meta({ id: "ClaimSsoDomainInput" });
export type ClaimSsoDomainInput = z.infer<typeof claimSsoDomainInputSchema>;

export const ssoDomainListSchema = z.object({ data: z.array(ssoDomainViewSchema) }).meta({ id: "SsoDomainList" });

export const discoverSsoInputSchema = z.object({ email: emailSchema }).meta({ id: "DiscoverSsoInput" });
export type DiscoverSsoInput = z.infer<typeof discoverSsoInputSchema>;

export const ssoDiscoverySchema = z
  .object({
    sso: z
      .object({
        providerId: z.string(),
        displayName: z.string(),
        signInUrl: z.string().describe("next-auth's sign-in for the provider: POST with its CSRF token, as the sign-in page does."),
        required: z.boolean().describe("A password sign-in is refused (sso_required)."),
      })
      .nullable(),
  })
  .meta({ id: "SsoDiscovery" });
export type SsoDiscovery = z.infer<typeof ssoDiscoverySchema>;

/** next-auth's id for an organization's provider; the Account rows of its identities carry it. */
export const ORG_PROVIDER_PREFIX = "org-";
export function orgProviderId(organizationId: string): string {
  return `${ORG_PROVIDER_PREFIX}${organizationId}`;
}

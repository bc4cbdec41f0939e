import { z } from "zod";

// One schema per boundary: the API's bodies and answers, the Settings forms and the sign-in form's second step.

const codeField = z
  .string({ error: "Enter the 6-digit code from your authenticator app, or a recovery code" })
  .trim()
  .min(6, "Enter the 6-digit code from your authenticator app, or a recovery code")
  .max(40, "Use at most 40 characters");

export const mfaCodeInputSchema = z
  .strictObject({ code: codeField.describe("A current code from the authenticator app, or one of your unused recovery codes.") })
  .meta({ id: "MfaCodeInput" });
export type MfaCodeInput = z.infer<typeof mfaCodeInputSchema>;

export const totpConfirmInputSchema = z
  .strictObject({
    code: z
      .string({ error: "Enter the 6-digit code from your authenticator app" })
      .trim()
      .regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app")
      .describe("The code your authenticator app shows now."),
  })
  .meta({ id: "TotpConfirmInput" });
export type TotpConfirmInput = z.infer<typeof totpConfirmInputSchema>;

export const totpEnrolmentSchema = z
  .object({
    secret: z.string().describe("The base32 secret, for typing into an authenticator app by hand."),
    otpauthUrl: z.string().describe("otpauth://totp/... (SHA-1, 6 digits, 30 s), what the QR code holds."),
    qrCode: z.string().describe("The QR code of `otpauthUrl`, as an SVG data URL."),
  })
  .meta({ id: "TotpEnrolment" });
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

export const recoveryCodesSchema = z
  .object({
    recoveryCodes: z.array(z.string()).describe("Ten single-use recovery codes, shown only in this answer; any earlier ones no longer work."),
  })
  .meta({ id: "RecoveryCodes" });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

export const passkeyViewSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Passkey" });
export type PasskeyView = z.infer<typeof passkeyViewSchema>;

export const mfaStatusSchema = z
  .object({
    totp: z.enum(["off", "pending", "on"]).describe("`pending`: started, not confirmed by a first code yet."),
    recoveryCodesLeft: z.number().int().min(0),
    passkeys: z.array(passkeyViewSchema),
    hasSecondFactor: z.boolean().describe("A confirmed TOTP or at least one passkey: sign-in asks for it after the password."),
    requiredBy: z
      .array(z.string())
      .describe("Who requires you to have a second factor: `vendor` (vendor admins), or the names of your organizations that require it."),
  })
  .meta({ id: "MfaStatus" });
export type MfaStatus = z.infer<typeof mfaStatusSchema>;

/** WebAuthn's JSON (as @simplewebauthn/browser sends it); checked by @simplewebauthn/server. */
const webauthnResponse = z.record(z.string(), z.unknown()).describe("The browser's WebAuthn answer, as @simplewebauthn/browser returns it.");

export const passkeyRegistrationInputSchema = z
  .strictObject({
    response: webauthnResponse,
    name: z.string().trim().min(1, "Name the passkey").max(60, "Use at most 60 characters").optional().describe("Defaults to “Passkey”."),
  })
  .meta({ id: "PasskeyRegistrationInput" });
export type PasskeyRegistrationInput = z.infer<typeof passkeyRegistrationInputSchema>;

export const webauthnOptionsSchema = z
  .record(z.string(), z.unknown())
  .describe("WebAuthn options for @simplewebauthn/browser (startRegistration / startAuthentication).")
  .meta({ id: "WebAuthnOptions" });

export const challengeTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This sign-in step has expired; sign in again.");

export const signInChallengeInputSchema = z.strictObject({ challenge: challengeTokenSchema });

/** The second call of the sign-in form: the challenge and one of a code, a recovery code or a passkey's answer (JSON). */
export const mfaSignInInputSchema = z.object({
  challenge: challengeTokenSchema,
  code: codeField.optional(),
  passkey: z.string().max(16_000).optional(),
});
export type MfaSignInInput = z.infer<typeof mfaSignInInputSchema>;

export const requireMfaInputSchema = z
  .strictObject({
    requireMfa: z.boolean({ error: "Expected true or false" }).describe("Members without a second factor are refused (`mfa_required`) until they set one up."),
  })
  .meta({ id: "OrganizationMfaInput" });
export type RequireMfaInput = z.infer<typeof requireMfaInputSchema>;

export const organizationMfaSchema = z.object({ organizationId: z.uuid(), requireMfa: z.boolean() }).meta({ id: "OrganizationMfa" });

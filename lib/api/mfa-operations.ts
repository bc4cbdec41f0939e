import { z } from "zod";
import {
  mfaCodeInputSchema,
  mfaStatusSchema,
  organizationMfaSchema,
  passkeyRegistrationInputSchema,
  passkeyViewSchema,
  recoveryCodesSchema,
  requireMfaInputSchema,
  signInChallengeInputSchema,
  totpConfirmInputSchema,
  totpEnrolmentSchema,
  webauthnOptionsSchema,
} from "@/lib/auth/mfa/schemas";
import { SESSION_ONLY } from "./access";
import { defineOperation } from "./operation";
import { idParam } from "./params";
import { shownOnce } from "./shown-once";

// The signed-in person's second factors (lib/auth/mfa), session only. They stay open to a session that must still set one up
// (access.ts, requireSecondFactor), since that is where it is set up.
const SESSION_READ = { scope: "read", by: ["anyone"], sessionOnly: true } as const;

export const mfaOperations = {
  getMfaStatus: defineOperation({
    operationId: "getMfaStatus",
    method: "GET",
    path: "/api/v1/me/mfa",
    tag: "Account",
    summary: "Your second factors: the authenticator app, recovery codes left, passkeys, and who requires them",
    access: SESSION_READ,
    success: { status: 200, description: "Your second factors.", schema: mfaStatusSchema },
  }),
  startTotp: defineOperation({
    operationId: "startTotp",
    method: "POST",
    path: "/api/v1/me/mfa/totp",
    tag: "Account",
    summary: "Start setting up an authenticator app (TOTP): a new secret, its otpauth:// URL and QR code",
    description:
      "The secret stays pending until a first code confirms it (`POST /api/v1/me/mfa/totp/confirm`); starting again replaces a pending one. 409 when an app is already set up.",
    access: SESSION_ONLY,
    success: {
      status: 201,
      description: "The pending secret.",
      schema: shownOnce(totpEnrolmentSchema, "secret", "otpauthUrl", "qrCode").meta({ id: "StartedTotp" }),
    },
    secretField: ["secret", "otpauthUrl", "qrCode"],
    errors: [409],
  }),
  confirmTotp: defineOperation({
    operationId: "confirmTotp",
    method: "POST",
    path: "/api/v1/me/mfa/totp/confirm",
    tag: "Account",
    summary: "Confirm the authenticator app with its current code; answers your 10 recovery codes, once",
    description:
      "A wrong code is 422 on `code`. From now on, signing in asks for a code after the password. Audited (`user.mfa_totp_enrolled`) and emailed to you.",
    access: SESSION_ONLY,
    body: totpConfirmInputSchema,
    success: {
      status: 200,
      description: "The recovery codes, shown only now.",
      schema: shownOnce(recoveryCodesSchema, "recoveryCodes").meta({ id: "ConfirmedTotp" }),
    },
    secretField: "recoveryCodes",
    errors: [409],
  }),
  removeTotp: defineOperation({
    operationId: "removeTotp",
    method: "DELETE",
    path: "/api/v1/me/mfa/totp",
    tag: "Account",
    summary: "Remove the authenticator app (and its recovery codes); needs a current code or a recovery code",
    description: "A wrong code is 422 on `code`; after 10 wrong codes in 15 minutes, 429. Audited (`user.mfa_totp_removed`) and emailed to you.",
    access: SESSION_ONLY,
    body: mfaCodeInputSchema,
    success: { status: 204, description: "Removed.", schema: z.null() },
  }),
  regenerateRecoveryCodes: defineOperation({
    operationId: "regenerateRecoveryCodes",
    method: "POST",
    path: "/api/v1/me/mfa/recovery-codes",
    tag: "Account",
    summary: "Replace your recovery codes with 10 new ones; needs a current code or a recovery code",
    description: "The old codes stop working. Audited (`user.mfa_recovery_codes_regenerated`) and emailed to you.",
    access: SESSION_ONLY,
    body: mfaCodeInputSchema,
    success: {
      status: 200,
      description: "The new recovery codes, shown only now.",
      schema: shownOnce(recoveryCodesSchema, "recoveryCodes").meta({ id: "NewRecoveryCodes" }),
    },
    secretField: "recoveryCodes",
    errors: [409],
  }),
  passkeyRegistrationOptions: defineOperation({
    operationId: "passkeyRegistrationOptions",
    method: "POST",
    path: "/api/v1/me/passkeys/options",
    tag: "Account",
    summary: "Start adding a passkey: WebAuthn creation options, good for 5 minutes",
    access: SESSION_ONLY,
    success: { status: 200, description: "Options for the browser's navigator.credentials.create.", schema: webauthnOptionsSchema },
    errors: [409],
  }),
  registerPasskey: defineOperation({
    operationId: "registerPasskey",
    method: "POST",
    path: "/api/v1/me/passkeys",
    tag: "Account",
    summary: "Add a passkey: the browser's answer to the latest options",
    description: "An answer that does not verify is 422 on `response`. Audited (`user.mfa_passkey_added`) and emailed to you.",
    access: SESSION_ONLY,
    body: passkeyRegistrationInputSchema,
    success: { status: 201, description: "The passkey.", schema: passkeyViewSchema },
    errors: [409],
  }),
  listPasskeys: defineOperation({
    operationId: "listPasskeys",
    method: "GET",
    path: "/api/v1/me/passkeys",
    tag: "Account",
    summary: "Your passkeys, oldest first",
    access: SESSION_READ,
    success: { status: 200, description: "Your passkeys.", schema: z.object({ data: z.array(passkeyViewSchema) }).meta({ id: "PasskeyList" }) },
  }),
  deletePasskey: defineOperation({
    operationId: "deletePasskey",
    method: "DELETE",
    path: "/api/v1/me/passkeys/{id}",
    tag: "Account",
    summary: "Remove a passkey",
    description: "Audited (`user.mfa_passkey_removed`) and emailed to you.",
    access: SESSION_ONLY,
    params: z.object({ id: idParam("passkey", "The passkey's id.") }),
    success: { status: 204, description: "Removed.", schema: z.null() },
  }),
  setOrganizationMfa: defineOperation({
    operationId: "setOrganizationMfa",
    method: "PATCH",
    path: "/api/v1/organization/mfa",
    tag: "Members",
    summary: "Require (or stop requiring) a second factor of the organization's members",
    description:
      "Members without one then get 403 `mfa_required` on the organization's operations and are sent to set one up. You need a second factor yourself to require it (409). Audited (`organization.require_mfa`).",
    access: { scope: "write", by: ["owner"], sessionOnly: true },
    body: requireMfaInputSchema,
    success: { status: 200, description: "The organization's setting.", schema: organizationMfaSchema },
    errors: [409],
  }),
};

/** The sign-in form's second step (public: the challenge token from the first step is the credential). */
export const mfaPublicOperations = {
  signInPasskeyOptions: defineOperation({
    operationId: "signInPasskeyOptions",
    method: "POST",
    path: "/api/v1/sign-in/passkey-options",
    tag: "Portal",
    summary: "WebAuthn request options for the sign-in step's person, bound to its challenge",
    access: "public",
    body: signInChallengeInputSchema,
    success: { status: 200, description: "Options for navigator.credentials.get.", schema: webauthnOptionsSchema },
    errors: [409],
  }),
};

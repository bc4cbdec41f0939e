import { z } from "zod";
import {
  emailTokenParamsSchema,
  emailVerifiedSchema,
  passwordResetDoneSchema,
  passwordResetRequestedSchema,
  passwordResetRequestSchema,
  passwordResetSchema,
  sessionListSchema,
  verificationSentSchema,
} from "@/lib/auth/reset-schemas";
import { SESSION_ONLY } from "./access";
import { defineOperation } from "./operation";
import { idParam } from "./params";

// Password reset, address verification and the session list (lib/auth). The signed-in person's own: their session only.

export const resetOperations = {
  listSessions: defineOperation({
    operationId: "listSessions",
    method: "GET",
    path: "/api/v1/me/sessions",
    tag: "Account",
    summary: "Your live sessions: device, address, sign-in and last request",
    description: "Newest sign-in first; `current` marks the session this request came with.",
    access: { ...SESSION_ONLY, scope: "read" },
    success: { status: 200, description: "Every session signed in as you that has not ended.", schema: sessionListSchema },
  }),
  endSession: defineOperation({
    operationId: "endSession",
    method: "DELETE",
    path: "/api/v1/me/sessions/{id}",
    tag: "Account",
    summary: "End one of your sessions",
    description:
      "That browser is refused from its next request on. Ending the current session signs you out. Another person's session, or one already ended, is 404.",
    access: SESSION_ONLY,
    params: z.object({ id: idParam("session", "The session's id (from listSessions).") }),
    success: { status: 204, description: "Ended.", schema: z.null() },
  }),
  resendEmailVerification: defineOperation({
    operationId: "resendEmailVerification",
    method: "POST",
    path: "/api/v1/me/email-verification",
    tag: "Account",
    summary: "Mail the link that verifies your address again",
    description:
      "An unverified address cannot register links (403 `email_unverified`). The new link replaces every earlier one and works once within 24 hours. 409 when your address is already verified; at most 5 in an hour (429).",
    access: SESSION_ONLY,
    success: { status: 202, description: "The link is on its way.", schema: verificationSentSchema },
    errors: [409],
  }),
};

// Public (no credentials, not in the document): a person who cannot sign in, or follows a mailed link.
export const resetPublicOperations = {
  requestPasswordReset: defineOperation({
    operationId: "requestPasswordReset",
    method: "POST",
    path: "/api/v1/password-resets",
    tag: "Portal",
    summary: "Mail a password reset link to an account's address",
    description: "Answers alike whether or not an account uses the address. Limited per address and per client (429 with Retry-After).",
    access: "public",
    body: passwordResetRequestSchema,
    success: { status: 202, description: "If an account uses the address, a link is on its way.", schema: passwordResetRequestedSchema },
    errors: [429],
  }),
  resetPassword: defineOperation({
    operationId: "resetPassword",
    method: "POST",
    path: "/api/v1/password-resets/{token}",
    tag: "Portal",
    summary: "Set a new password with the token of a reset link; every session of the account ends",
    description: "410 `token_invalid` for a token that is unknown, used, replaced by a newer one, or expired.",
    access: "public",
    params: emailTokenParamsSchema,
    body: passwordResetSchema,
    success: { status: 200, description: "Set: sign in with the new password.", schema: passwordResetDoneSchema },
    errors: [410],
  }),
  confirmEmailVerification: defineOperation({
    operationId: "confirmEmailVerification",
    method: "POST",
    path: "/api/v1/email-verifications/{token}",
    tag: "Portal",
    summary: "Verify an address with the token of the link mailed to it",
    description: "410 `token_invalid` for a token that is unknown, used, replaced by a newer one, or expired.",
    access: "public",
    params: emailTokenParamsSchema,
    success: { status: 200, description: "The address is verified.", schema: emailVerifiedSchema },
    errors: [410],
  }),
};

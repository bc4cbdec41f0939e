import { changePasswordInputSchema, endedSessionsSchema, ssoLinkIntentSchema } from "@/lib/auth/schemas";
import { SESSION_ONLY } from "./access";
import { defineOperation } from "./operation";

export const accountOperations = {
  signOutEverywhere: defineOperation({
    operationId: "signOutEverywhere",
    method: "DELETE",
    path: "/api/v1/me/sessions",
    tag: "Account",
    summary: "Sign out everywhere: end every session of the signed-in user, this one included",
    description: "Every browser signed in as you, and every copy of its session cookie, is refused from the next request on.",
    access: SESSION_ONLY,
    success: { status: 200, description: "How many sessions ended.", schema: endedSessionsSchema },
  }),
  changePassword: defineOperation({
    operationId: "changePassword",
    method: "POST",
    path: "/api/v1/me/password",
    tag: "Account",
    summary: "Change your password: this session stays, every other one ends",
    description:
      "Needs the current password (a wrong one is 422 on `currentPassword`; after 5 wrong ones in 15 minutes, 429). An account that signs in through single sign-on only has no password (409).",
    access: SESSION_ONLY,
    body: changePasswordInputSchema,
    success: { status: 200, description: "Changed; how many other sessions ended.", schema: endedSessionsSchema },
    errors: [409],
  }),
  startSsoLink: defineOperation({
    operationId: "startSsoLink",
    method: "POST",
    path: "/api/v1/me/sso-link",
    tag: "Account",
    summary: "Link single sign-on: allow this browser's next single sign-on, within 10 minutes, to attach its identity to you",
    description:
      "Then sign in through the provider (`/api/auth/signin/oidc`) in the same browser: the identity is linked to you (once) and you land on Settings. A single sign-on whose email belongs to an account nobody verified is otherwise refused, so this is how a password account gets its single sign-on. 409 when single sign-on is not set up or your account already has one.",
    access: SESSION_ONLY,
    success: { status: 201, description: "The link is allowed until `expiresAt`.", schema: ssoLinkIntentSchema },
    errors: [409],
  }),
};

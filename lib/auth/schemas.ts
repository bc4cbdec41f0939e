import { z } from "zod";
import { emailSchema, newPasswordSchema } from "@/lib/validation";

export const signUpInputSchema = z.object({
  name: z.string({ error: "Enter your name" }).trim().min(1, "Enter your name").max(100, "Use at most 100 characters"),
  email: emailSchema,
  password: newPasswordSchema,
  organizationName: z.string({ error: "Enter your organization's name" }).trim().min(2, "Use at least 2 characters").max(100, "Use at most 100 characters"),
});
export type SignUpInput = z.infer<typeof signUpInputSchema>;

// The same whether the address already had an account or not (nothing in it comes from the database): the portal signs in next.
export const signUpAnswerSchema = z.object({
  email: z.string().describe("The address signed up, as stored (lower-cased)."),
  next: z.literal("sign_in").describe("Sign in with this email and password."),
});
export type SignUpAnswer = z.infer<typeof signUpAnswerSchema>;

export const signInInputSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(200, "Use at most 200 characters"),
});
export type SignInInput = z.infer<typeof signInInputSchema>;

export const changePasswordInputSchema = z
  .strictObject({
    currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(200, "Use at most 200 characters"),
    newPassword: newPasswordSchema,
  })
  .meta({ id: "ChangePasswordInput" });
export type ChangePasswordInput = z.infer<typeof changePasswordInputSchema>;

export const endedSessionsSchema = z
  .object({ endedSessions: z.number().int().min(0).describe("How many of your sessions this ended.") })
  .meta({ id: "EndedSessions" });
export type EndedSessions = z.infer<typeof endedSessionsSchema>;

export const ssoLinkIntentSchema = z
  .object({
    expiresAt: z.iso.datetime().describe("Until then, this browser's next single sign-on links its identity to you (once): start it at /api/auth/signin/oidc."),
  })
  .meta({ id: "SsoLinkIntent" });
export type SsoLinkIntent = z.infer<typeof ssoLinkIntentSchema>;

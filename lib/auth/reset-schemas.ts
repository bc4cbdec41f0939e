import { z } from "zod";
import { emailSchema, newPasswordSchema } from "@/lib/validation";

// Password reset, address verification and the session list: the bodies and answers of their routes and forms.

export const passwordResetRequestSchema = z.strictObject({ email: emailSchema });
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

// The same whether the address has an account or not: nothing in it comes from the database.
export const passwordResetRequestedSchema = z.object({
  email: z.string().describe("The address asked for, as it will be written to (lower-cased)."),
  next: z.literal("check_inbox").describe("If an account uses this address, a reset link is on its way; it works once, within `expiresInMinutes`."),
  expiresInMinutes: z.number().int(),
});
export type PasswordResetRequested = z.infer<typeof passwordResetRequestedSchema>;

export const passwordResetSchema = z.strictObject({ password: newPasswordSchema });
export type PasswordReset = z.infer<typeof passwordResetSchema>;

/** A form's second field: the same password again. */
export const passwordResetFormSchema = passwordResetSchema
  .extend({ confirmPassword: z.string({ error: "Type the new password again" }).min(1, "Type the new password again") })
  .refine((form) => form.password === form.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ" });

export const passwordResetDoneSchema = z.object({
  email: z.string().describe("The account whose password was set: sign in with it."),
  endedSessions: z.number().int().min(0).describe("How many sessions of the account ended (all of them)."),
  next: z.literal("sign_in"),
});
export type PasswordResetDone = z.infer<typeof passwordResetDoneSchema>;

/** A token in a path: anything else than a token we made is simply unknown (410), so only its length is bounded here. */
export const emailTokenParamsSchema = z.object({ token: z.string().min(1).max(200).describe("The token from the emailed link.") });

export const emailVerifiedSchema = z.object({
  email: z.string().describe("The address now verified."),
  verifiedAt: z.iso.datetime(),
});
export type EmailVerified = z.infer<typeof emailVerifiedSchema>;

export const verificationSentSchema = z
  .object({
    email: z.string().describe("Where the link went."),
    expiresAt: z.iso.datetime().describe("The link works once, until then; an earlier one no longer works."),
  })
  .meta({ id: "VerificationSent" });
export type VerificationSent = z.infer<typeof verificationSentSchema>;

export const sessionViewSchema = z
  .object({
    id: z.uuid(),
    device: z.string().describe('The browser and system the session signed in from, e.g. "Chrome on Linux".'),
    address: z.string().nullable().describe("The client address it signed in from, when known."),
    createdAt: z.iso.datetime().describe("When it signed in."),
    lastSeenAt: z.iso.datetime().nullable().describe("Its last request, to within a minute."),
    current: z.boolean().describe("The session this request came with."),
  })
  .meta({ id: "Session" });
export type SessionView = z.infer<typeof sessionViewSchema>;

export const sessionListSchema = z.object({ data: z.array(sessionViewSchema) }).meta({ id: "SessionList" });
export type SessionList = z.infer<typeof sessionListSchema>;

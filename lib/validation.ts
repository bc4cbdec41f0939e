import { z } from "zod";
import type { InvalidParam } from "@/lib/errors";

/** The first issue per field: what the API and the forms show. */
export function invalidParamsOf(error: z.ZodError): InvalidParam[] {
  const seen = new Set<string>();
  const params: InvalidParam[] = [];
  for (const issue of error.issues) {
    const name = issue.path.join(".") || "body";
    if (seen.has(name)) continue;
    seen.add(name);
    params.push({ name, reason: issue.message });
  }
  return params;
}

export const uuidSchema = z.uuid();

export function isUuid(value: unknown): value is string {
  return uuidSchema.safeParse(value).success;
}

/** Lower-cased so one address is one account. */
export const emailSchema = z
  .string({ error: "Enter your email address" })
  .trim()
  .min(1, "Enter your email address")
  .max(254, "That email address is too long")
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com" }))
  .transform((email) => email.toLowerCase());

export const PASSWORD_MIN = 12;

export const newPasswordSchema = z
  .string({ error: "Choose a password" })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(200, "Use at most 200 characters");

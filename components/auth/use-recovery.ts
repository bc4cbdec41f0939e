"use client";

import { useMutation } from "@tanstack/react-query";
import type { z } from "zod";
import { problemOf } from "@/components/api/client";
import {
  emailVerifiedSchema,
  passwordResetDoneSchema,
  passwordResetRequestedSchema,
  type PasswordReset,
  type PasswordResetRequest,
} from "@/lib/auth/reset-schemas";

// Public operations (no session, not in the API document, so not in the typed client): forgot password, and following a
// mailed link.
async function postPublic<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>> {
  const response = await fetch(path, {
    method: "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  if (!response.ok) throw await problemOf(response);
  return schema.parse(await response.json());
}

export const useRequestPasswordReset = () =>
  useMutation({ mutationFn: (input: PasswordResetRequest) => postPublic("/api/v1/password-resets", input, passwordResetRequestedSchema) });

export const useResetPassword = (token: string) =>
  useMutation({
    mutationFn: (input: PasswordReset) => postPublic(`/api/v1/password-resets/${encodeURIComponent(token)}`, input, passwordResetDoneSchema),
  });

export const useConfirmEmail = (token: string) =>
  useMutation({ mutationFn: () => postPublic(`/api/v1/email-verifications/${encodeURIComponent(token)}`, undefined, emailVerifiedSchema) });

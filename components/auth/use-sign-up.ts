"use client";

import { useMutation } from "@tanstack/react-query";
import { problemOf } from "@/components/api/client";
import { signUpAnswerSchema, type SignUpInput } from "@/lib/auth/schemas";

/** POST /api/v1/sign-up: a public operation, not in the API document, so not in the typed client. It answers alike for a taken address. */
export function useSignUp() {
  return useMutation({
    mutationFn: async (input: SignUpInput) => {
      const response = await fetch("/api/v1/sign-up", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(input),
        credentials: "same-origin",
      });
      if (!response.ok) throw await problemOf(response);
      return signUpAnswerSchema.parse(await response.json());
    },
  });
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/client";
import type { SignUpInput } from "@/lib/auth/schemas";

type SignUpResult = { user: { id: string; email: string }; organization: { slug: string; name: string } };

export function useSignUp() {
  return useMutation({ mutationFn: (input: SignUpInput) => apiFetch<SignUpResult>("/api/v1/sign-up", { method: "POST", body: input }) });
}

"use client";

import { useMutation } from "@tanstack/react-query";
import type { SignUpInput } from "@/lib/auth/schemas";

export type Problem = { status: number; code?: string; detail?: string; invalidParams?: { name: string; reason: string }[] };

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? `request failed with ${problem.status}`);
  }
}

async function postSignUp(input: SignUpInput) {
  const response = await fetch("/api/v1/sign-up", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) throw new ProblemError({ status: response.status, ...(body as Omit<Problem, "status">) });
  return body as { user: { id: string; email: string }; organization: { slug: string; name: string } };
}

export function useSignUp() {
  return useMutation({ mutationFn: postSignUp });
}

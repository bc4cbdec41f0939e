"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answerOf, api } from "@/components/api/client";
import type { MfaCodeInput, TotpConfirmInput } from "@/lib/auth/mfa/schemas";

/** The signed-in person's second factors, over /api/v1/me/mfa and /api/v1/me/passkeys (their session only). */
export const mfaKeys = { status: ["me", "mfa"] as const };

export const useMfaStatus = () => useQuery({ queryKey: mfaKeys.status, queryFn: () => answerOf(api.GET("/api/v1/me/mfa")) });

function useMfaMutation<I, O>(request: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: request, onSettled: () => client.invalidateQueries({ queryKey: mfaKeys.status }) });
}

export const useStartTotp = () => useMfaMutation(() => answerOf(api.POST("/api/v1/me/mfa/totp")));
export const useConfirmTotp = () => useMfaMutation((body: TotpConfirmInput) => answerOf(api.POST("/api/v1/me/mfa/totp/confirm", { body })));
export const useRemoveTotp = () => useMfaMutation((body: MfaCodeInput) => answerOf(api.DELETE("/api/v1/me/mfa/totp", { body })));
export const useRegenerateRecoveryCodes = () => useMfaMutation((body: MfaCodeInput) => answerOf(api.POST("/api/v1/me/mfa/recovery-codes", { body })));
export const usePasskeyOptions = () => useMutation({ mutationFn: () => answerOf(api.POST("/api/v1/me/passkeys/options")) });
export const useRegisterPasskey = () =>
  useMfaMutation((body: { response: Record<string, unknown>; name?: string }) => answerOf(api.POST("/api/v1/me/passkeys", { body })));
export const useDeletePasskey = () => useMfaMutation((id: string) => answerOf(api.DELETE("/api/v1/me/passkeys/{id}", { params: { path: { id } } })));
export const useSetOrganizationMfa = () =>
  useMutation({ mutationFn: (requireMfa: boolean) => answerOf(api.PATCH("/api/v1/organization/mfa", { body: { requireMfa } })) });

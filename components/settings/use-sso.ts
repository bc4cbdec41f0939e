"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answerOf, api } from "@/components/api/client";
import type { ClaimSsoDomainInput, SetSsoProviderInput } from "@/lib/sso/schemas";

/** The organization's single sign-on over /api/v1/sso: its provider and claimed domains, one query refreshed after each change. */
export const ssoKeys = { settings: ["sso"] as const };

function useSsoMutation<I, O>(request: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: request, onSettled: () => client.invalidateQueries({ queryKey: ssoKeys.settings }) });
}

export const useSsoSettings = () => useQuery({ queryKey: ssoKeys.settings, queryFn: () => answerOf(api.GET("/api/v1/sso")) });
export const useSetSsoProvider = () => useSsoMutation((body: SetSsoProviderInput) => answerOf(api.PATCH("/api/v1/sso", { body })));
export const useDeleteSsoProvider = () => useSsoMutation(() => answerOf(api.DELETE("/api/v1/sso")));
export const useClaimSsoDomain = () => useSsoMutation((body: ClaimSsoDomainInput) => answerOf(api.POST("/api/v1/sso/domains", { body })));
export const useVerifySsoDomain = () => useSsoMutation((id: string) => answerOf(api.POST("/api/v1/sso/domains/{id}/verify", { params: { path: { id } } })));
export const useRemoveSsoDomain = () => useSsoMutation((id: string) => answerOf(api.DELETE("/api/v1/sso/domains/{id}", { params: { path: { id } } })));

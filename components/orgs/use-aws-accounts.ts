"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answerOf, api } from "@/components/api/client";
import type { DeclareAwsAccountInput } from "@/lib/orgs/schemas";

export const awsAccountKeys = { all: ["aws-accounts"] as const };

export function useAwsAccounts() {
  return useQuery({ queryKey: awsAccountKeys.all, queryFn: () => answerOf(api.GET("/api/v1/aws-accounts")) });
}

function useAccountMutation<I>(request: (input: I) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: request, onSettled: () => client.invalidateQueries({ queryKey: awsAccountKeys.all }) });
}

export const useDeclareAwsAccount = () => useAccountMutation((body: DeclareAwsAccountInput) => answerOf(api.POST("/api/v1/aws-accounts", { body })));
export const useVerifyAwsAccount = () =>
  useAccountMutation((id: string) => answerOf(api.POST("/api/v1/aws-accounts/{id}/verify", { params: { path: { id } } })));
export const useRemoveAwsAccount = () => useAccountMutation((id: string) => answerOf(api.DELETE("/api/v1/aws-accounts/{id}", { params: { path: { id } } })));

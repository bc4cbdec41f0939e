"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/client";
import type { AwsAccountView, DeclareAwsAccountInput, ProofInstructions } from "@/lib/orgs/schemas";

export const awsAccountKeys = { all: ["aws-accounts"] as const };

export function useAwsAccounts() {
  return useQuery({
    queryKey: awsAccountKeys.all,
    queryFn: () => apiFetch<{ data: AwsAccountView[]; proofInstructions: ProofInstructions }>("/api/v1/aws-accounts"),
  });
}

function useAccountMutation<I>(request: (input: I) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: request, onSettled: () => client.invalidateQueries({ queryKey: awsAccountKeys.all }) });
}

export const useDeclareAwsAccount = () =>
  useAccountMutation((input: DeclareAwsAccountInput) => apiFetch<AwsAccountView>("/api/v1/aws-accounts", { method: "POST", body: input }));
export const useVerifyAwsAccount = () => useAccountMutation((id: string) => apiFetch<AwsAccountView>(`/api/v1/aws-accounts/${id}/verify`, { method: "POST", body: {} }));
export const useRemoveAwsAccount = () => useAccountMutation((id: string) => apiFetch<AwsAccountView>(`/api/v1/aws-accounts/${id}`, { method: "DELETE" }));

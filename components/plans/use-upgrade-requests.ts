"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answerOf, api } from "@/components/api/client";
import { livePoll } from "@/components/live/poll";
import { planChanges } from "@/components/live/changes";
import { useChangeToasts } from "@/components/live/use-change-toasts";
import type { CreateUpgradeRequestInput, PlanSummary } from "@/lib/upgrade-requests/schemas";

export const planKeys = { summary: ["plan"] as const };

/**
 * The organization's plan, live: `initialData` is the server's render; a change made elsewhere (a vendor admin approving
 * or declining an upgrade, or changing the plan) shows within seconds, with a toast saying what changed.
 */
export function usePlanSummary(initialData: PlanSummary) {
  const query = useQuery({
    queryKey: planKeys.summary,
    queryFn: () => answerOf(api.GET("/api/v1/plan")),
    initialData,
    refetchInterval: livePoll<PlanSummary>(),
  });
  useChangeToasts(query.data, planChanges, { tone: "success" });
  return query.data;
}

export function useRequestUpgrade() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUpgradeRequestInput) => answerOf(api.POST("/api/v1/upgrade-requests", { body })),
    onSuccess: (request) => client.setQueryData<PlanSummary>(planKeys.summary, (summary) => (summary ? { ...summary, latestRequest: request } : summary)),
    onSettled: () => client.invalidateQueries({ queryKey: planKeys.summary }),
  });
}

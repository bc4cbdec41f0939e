"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answerOf, api } from "@/components/api/client";
import type { CreatePlanInput, UpdatePlanInput } from "@/lib/plans/schemas";

export const planKeys = { all: ["plans"] as const };

/** Every plan and what it allows, least to most (GET /api/v1/admin/plans). */
export function usePlans() {
  return useQuery({ queryKey: planKeys.all, queryFn: () => answerOf(api.GET("/api/v1/admin/plans")) });
}

/** Changes what a plan allows (PATCH /api/v1/admin/plans/{plan}); the next registration and approval read it. */
export function useUpdatePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ key, changes }: { key: string; changes: UpdatePlanInput }) =>
      answerOf(api.PATCH("/api/v1/admin/plans/{plan}", { params: { path: { plan: key } }, body: changes })),
    onSuccess: () => client.invalidateQueries({ queryKey: planKeys.all }),
  });
}

/** Adds a plan (POST /api/v1/admin/plans). */
export function useCreatePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (plan: CreatePlanInput) => answerOf(api.POST("/api/v1/admin/plans", { body: plan })),
    onSuccess: () => client.invalidateQueries({ queryKey: planKeys.all }),
  });
}

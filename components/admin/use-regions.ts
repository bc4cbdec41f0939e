"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answerOf, api } from "@/components/api/client";
import type { RegionChanges } from "@/lib/regions/schemas";

const regionKeys = { all: ["regions"] as const };

/** Every region set up, offered or not (GET /api/v1/admin/regions). */
export function useRegions() {
  return useQuery({ queryKey: regionKeys.all, queryFn: () => answerOf(api.GET("/api/v1/admin/regions")) });
}

/** Sets a region up or changes it (PATCH /api/v1/admin/regions/{region}); the server holds it to AWS first. */
export function useSaveRegion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ region, changes }: { region: string; changes: RegionChanges }) =>
      answerOf(api.PATCH("/api/v1/admin/regions/{region}", { params: { path: { region } }, body: changes })),
    onSuccess: () => client.invalidateQueries({ queryKey: regionKeys.all }),
  });
}

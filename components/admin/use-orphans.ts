"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answerOf, api } from "@/components/api/client";

const orphanKeys = { all: ["orphans"] as const, page: (cursor: string | null) => ["orphans", cursor] as const };

/** A page of orphaned endpoints (GET /api/v1/admin/orphans); read again every 30 s, as the reconciler finds and settles them. */
export function useOrphans(cursor: string | null) {
  return useQuery({
    queryKey: orphanKeys.page(cursor),
    queryFn: () => answerOf(api.GET("/api/v1/admin/orphans", { params: { query: { limit: 25, cursor: cursor ?? undefined } } })),
    refetchInterval: 30_000,
  });
}

/** Queues the deletion now (DELETE /api/v1/admin/orphans/{endpointId}). */
export function useDeleteOrphan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (endpointId: string) => answerOf(api.DELETE("/api/v1/admin/orphans/{endpointId}", { params: { path: { endpointId } } })),
    onSettled: () => client.invalidateQueries({ queryKey: orphanKeys.all }),
  });
}

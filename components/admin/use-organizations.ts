"use client";

import { useQuery } from "@tanstack/react-query";
import { answerOf, api } from "@/components/api/client";

export const organizationKeys = { page: (cursor: string | null) => ["organizations", cursor] as const };

/** A page of every organization, oldest first (GET /api/v1/admin/organizations). */
export function useOrganizations(cursor: string | null) {
  return useQuery({
    queryKey: organizationKeys.page(cursor),
    queryFn: () => answerOf(api.GET("/api/v1/admin/organizations", { params: { query: { limit: 50, cursor: cursor ?? undefined } } })),
  });
}

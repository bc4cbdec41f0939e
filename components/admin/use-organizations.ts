"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/client";
import type { OrganizationView } from "@/lib/orgs/schemas";

export const organizationKeys = { page: (cursor: string | null) => ["organizations", cursor] as const };

/** A page of every organization, oldest first (GET /api/v1/admin/organizations). */
export function useOrganizations(cursor: string | null) {
  const query = new URLSearchParams({ limit: "50", ...(cursor ? { cursor } : {}) });
  return useQuery({
    queryKey: organizationKeys.page(cursor),
    queryFn: () => apiFetch<{ data: OrganizationView[]; nextCursor: string | null }>(`/api/v1/admin/organizations?${query}`),
  });
}

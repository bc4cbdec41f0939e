"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answerOf, api } from "@/components/api/client";

export const organizationKeys = {
  all: ["organizations"] as const,
  page: (cursor: string | null) => ["organizations", "page", cursor] as const,
  detail: (id: string) => ["organizations", "detail", id] as const,
  search: (q: string, limit: number) => ["organizations", "search", q, limit] as const,
};

/** A page of every organization, oldest first (GET /api/v1/admin/organizations). */
export function useOrganizations(cursor: string | null) {
  return useQuery({
    queryKey: organizationKeys.page(cursor),
    queryFn: () => answerOf(api.GET("/api/v1/admin/organizations", { params: { query: { limit: 50, cursor: cursor ?? undefined } } })),
  });
}

/** One organization whole: settings, principal and role, AWS accounts, members, open invitations (GET /api/v1/admin/organizations/{id}). */
export function useOrganization(id: string) {
  return useQuery({
    queryKey: organizationKeys.detail(id),
    queryFn: () => answerOf(api.GET("/api/v1/admin/organizations/{id}", { params: { path: { id } } })),
  });
}

/** Makes the organization's IAM role again (POST /api/v1/admin/organizations/{id}/principal). */
export function useRepairPrincipal(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => answerOf(api.POST("/api/v1/admin/organizations/{id}/principal", { params: { path: { id } } })),
    onSuccess: (detail) => client.setQueryData(organizationKeys.detail(id), detail),
  });
}

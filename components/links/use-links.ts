"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, apiFetchAll } from "@/components/api/client";
import type { Connectivity } from "@/lib/links/read-links";
import type { CreateLinkInput } from "@/lib/links/schemas";
import { isMoving, type LinkState } from "@/lib/links/state-machine";
import type { LinkEventView, LinkView } from "@/lib/links/views";

type Page<T> = { data: T[]; nextCursor: string | null };

export const linkKeys = {
  all: ["links"] as const,
  list: (scope: "mine" | "admin", filters: { state?: LinkState | ""; cursor?: string | null }) => ["links", scope, filters] as const,
  detail: (id: string) => ["links", "detail", id] as const,
  events: (id: string) => ["links", "events", id] as const,
  connectivity: ["connectivity"] as const,
};

function query(filters: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function useLinks(scope: "mine" | "admin", filters: { state?: LinkState | ""; cursor?: string | null }) {
  const base = scope === "admin" ? "/api/v1/admin/links" : "/api/v1/links";
  return useQuery({
    queryKey: linkKeys.list(scope, filters),
    queryFn: () => apiFetch<Page<LinkView>>(`${base}${query({ limit: "25", state: filters.state, cursor: filters.cursor })}`),
    refetchInterval: (q) => (q.state.data?.data.some((link) => isMoving(link.state)) ? 3_000 : 30_000),
  });
}

export function useLink(id: string) {
  return useQuery({
    queryKey: linkKeys.detail(id),
    queryFn: () => apiFetch<LinkView>(`/api/v1/links/${id}`),
    refetchInterval: (q) => (q.state.data && isMoving(q.state.data.state) ? 2_000 : 30_000),
  });
}

export function useLinkEvents(id: string, state: LinkState | undefined) {
  return useQuery({
    queryKey: [...linkKeys.events(id), state],
    queryFn: () => apiFetchAll<LinkEventView>(`/api/v1/links/${id}/events?limit=100`),
  });
}

export function useConnectivity() {
  return useQuery({ queryKey: linkKeys.connectivity, queryFn: () => apiFetch<Connectivity>("/api/v1/connectivity"), staleTime: 60_000 });
}

function useLinkMutation<I>(request: (input: I) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: request, onSettled: () => client.invalidateQueries({ queryKey: linkKeys.all }) });
}

export function useRegisterLink() {
  return useLinkMutation((input: CreateLinkInput) => apiFetch<LinkView>("/api/v1/links", { method: "POST", body: input }));
}

export const useVerifyLink = () => useLinkMutation((id: string) => apiFetch<LinkView>(`/api/v1/links/${id}/verify`, { method: "POST", body: {} }));
export const useDeleteLink = () => useLinkMutation((id: string) => apiFetch<LinkView>(`/api/v1/links/${id}`, { method: "DELETE" }));
export const useApproveLink = () => useLinkMutation((id: string) => apiFetch<LinkView>(`/api/v1/admin/links/${id}/approve`, { method: "POST", body: {} }));
export const useRetryLink = () => useLinkMutation((id: string) => apiFetch<LinkView>(`/api/v1/admin/links/${id}/retry`, { method: "POST", body: {} }));
export const useDenyLink = () =>
  useLinkMutation(({ id, reason }: { id: string; reason: string }) => apiFetch<LinkView>(`/api/v1/admin/links/${id}/deny`, { method: "POST", body: { reason } }));

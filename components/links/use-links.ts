"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, answerOf, api } from "@/components/api/client";
import type { LinkState } from "@/lib/api-client/client";
import type { CreateLinkInput } from "@/lib/links/schemas";
import { isMoving } from "@/lib/links/state-machine";

export const linkKeys = {
  all: ["links"] as const,
  list: (scope: "mine" | "admin", filters: { state?: LinkState | ""; cursor?: string | null }) => ["links", scope, filters] as const,
  detail: (id: string) => ["links", "detail", id] as const,
  events: (id: string) => ["links", "events", id] as const,
  connectivity: ["connectivity"] as const,
};

export function useLinks(scope: "mine" | "admin", filters: { state?: LinkState | ""; cursor?: string | null }) {
  const query = { limit: 25, state: filters.state || undefined, cursor: filters.cursor ?? undefined };
  return useQuery({
    queryKey: linkKeys.list(scope, filters),
    queryFn: () => answerOf(scope === "admin" ? api.GET("/api/v1/admin/links", { params: { query } }) : api.GET("/api/v1/links", { params: { query } })),
    refetchInterval: (q) => (q.state.data?.data.some((link) => isMoving(link.state)) ? 3_000 : 30_000),
  });
}

export function useLink(id: string) {
  return useQuery({
    queryKey: linkKeys.detail(id),
    queryFn: () => answerOf(api.GET("/api/v1/links/{id}", { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data && isMoving(q.state.data.state) ? 2_000 : 30_000),
  });
}

export function useLinkEvents(id: string, state: LinkState | undefined) {
  return useQuery({
    queryKey: [...linkKeys.events(id), state],
    queryFn: () => allPages((cursor) => answerOf(api.GET("/api/v1/links/{id}/events", { params: { path: { id }, query: { limit: 100, cursor } } }))),
  });
}

export function useConnectivity() {
  return useQuery({ queryKey: linkKeys.connectivity, queryFn: () => answerOf(api.GET("/api/v1/connectivity")), staleTime: 60_000 });
}

function useLinkMutation<I, R>(request: (input: I) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: request, onSettled: () => client.invalidateQueries({ queryKey: linkKeys.all }) });
}

export const useRegisterLink = () => useLinkMutation((body: CreateLinkInput) => answerOf(api.POST("/api/v1/links", { body })));
export const useVerifyLink = () => useLinkMutation((id: string) => answerOf(api.POST("/api/v1/links/{id}/verify", { params: { path: { id } } })));
export const useDeleteLink = () => useLinkMutation((id: string) => answerOf(api.DELETE("/api/v1/links/{id}", { params: { path: { id } } })));
export const useApproveLink = () => useLinkMutation((id: string) => answerOf(api.POST("/api/v1/admin/links/{id}/approve", { params: { path: { id } } })));
export const useRetryLink = () => useLinkMutation((id: string) => answerOf(api.POST("/api/v1/admin/links/{id}/retry", { params: { path: { id } } })));
export const useDenyLink = () =>
  useLinkMutation(({ id, reason }: { id: string; reason: string }) =>
    answerOf(api.POST("/api/v1/admin/links/{id}/deny", { params: { path: { id } }, body: { reason } })),
  );

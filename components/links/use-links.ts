"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, answerOf, api } from "@/components/api/client";
import type { Connectivity, Link, LinkEvent } from "@/lib/api-client/client";
import type { CreateLinkInput } from "@/lib/links/schemas";
import { isMoving, type LinkState } from "@/lib/links/state-machine";

export const linkKeys = {
  all: ["links"] as const,
  list: (filters: LinkFilters) => ["links", "mine", filters] as const,
  detail: (id: string) => ["links", "detail", id] as const,
  events: (id: string) => ["links", "events", id] as const,
  connectivity: ["connectivity"] as const,
  probes: (id: string, cursor: string | null) => ["links", "probes", id, cursor] as const,
};

export type LinkFilters = { state?: LinkState | ""; region?: string; q?: string; cursor?: string | null };

/** A page of the organization's links (the console's fleet is components/admin/use-admin-links.ts). */
export function useLinks(filters: LinkFilters) {
  const query = {
    limit: 25,
    state: filters.state || undefined,
    region: filters.region || undefined,
    q: filters.q?.trim() || undefined,
    cursor: filters.cursor ?? undefined,
  };
  return useQuery({
    queryKey: linkKeys.list(filters),
    queryFn: () => answerOf(api.GET("/api/v1/links", { params: { query } })),
    refetchInterval: (q) => (q.state.data?.data.some((link) => isMoving(link.state)) ? 3_000 : 30_000),
    placeholderData: keepPreviousData,
  });
}

/**
 * How soon to look at a link again: every 2 s while it moves; once settled, a tenth of the time
 * since its state last changed, between 2 and 10 s. The engine looks at settled links every 30 s
 * (RECONCILE_SETTLED_SECONDS), so a revoked connection shows on an open page within a minute.
 */
export function linkPollMs(link: Pick<Link, "state" | "stateChangedAt">, now = Date.now()): number {
  if (isMoving(link.state)) return 2_000;
  return Math.min(10_000, Math.max(2_000, (now - Date.parse(link.stateChangedAt)) / 10));
}

/** A link, live: `initialData` is the server's render, so the page never shows a loading state. */
export function useLink(id: string, initialData?: Link) {
  return useQuery({
    queryKey: linkKeys.detail(id),
    queryFn: () => answerOf(api.GET("/api/v1/links/{id}", { params: { path: { id } } })),
    initialData,
    refetchInterval: (q) => (q.state.data ? linkPollMs(q.state.data) : 5_000),
  });
}

/** A link's timeline, read again whenever the link's state changes; the old one stays on screen meanwhile. */
export function useLinkEvents(id: string, stateChangedAt: string, initialData?: LinkEvent[]) {
  return useQuery({
    queryKey: [...linkKeys.events(id), stateChangedAt],
    queryFn: () => allPages((cursor) => answerOf(api.GET("/api/v1/links/{id}/events", { params: { path: { id }, query: { limit: 100, cursor } } }))),
    initialData,
    placeholderData: keepPreviousData,
  });
}

/** Our connectivity facts; `initialData` when the page rendered them on the server. */
export function useConnectivity(initialData?: Connectivity) {
  return useQuery({ queryKey: linkKeys.connectivity, queryFn: () => answerOf(api.GET("/api/v1/connectivity")), staleTime: 60_000, initialData });
}

function useLinkMutation<I, R>(request: (input: I) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: request, onSettled: () => client.invalidateQueries({ queryKey: linkKeys.all }) });
}

export const useRegisterLink = () => useLinkMutation((body: CreateLinkInput) => answerOf(api.POST("/api/v1/links", { body })));
export const useVerifyLink = () => useLinkMutation((id: string) => answerOf(api.POST("/api/v1/links/{id}/verify", { params: { path: { id } } })));
/** A new endpoint for the same service, through verification again (POST /api/v1/links/{id}/reconnect). */
export const useReconnectLink = () => useLinkMutation((id: string) => answerOf(api.POST("/api/v1/links/{id}/reconnect", { params: { path: { id } } })));
export const useDeleteLink = () => useLinkMutation((id: string) => answerOf(api.DELETE("/api/v1/links/{id}", { params: { path: { id } } })));

/** Asks for a probe now: 202 with `requestedAt`, which the link's `connectivity.checkedAt` reaches once the worker ran it. */
export const useProbeLink = () => useMutation({ mutationFn: (id: string) => answerOf(api.POST("/api/v1/links/{id}/probe", { params: { path: { id } } })) });

/** A probe asked for at `requestedAt` has run once the link's last probe is at or after it. */
export function probeFinished(connectivity: { checkedAt: string | null }, requestedAt: string): boolean {
  return connectivity.checkedAt !== null && Date.parse(connectivity.checkedAt) >= Date.parse(requestedAt);
}

/**
 * The link read every second from Test now (`requestedAt`) until that probe has run; it shares the link's query, so the
 * link page's other readers see the answer too.
 */
export function useProbeResult(id: string, requestedAt: string | null) {
  return useQuery({
    queryKey: linkKeys.detail(id),
    queryFn: () => answerOf(api.GET("/api/v1/links/{id}", { params: { path: { id } } })),
    enabled: requestedAt !== null,
    refetchInterval: (q) => (requestedAt === null || (q.state.data && probeFinished(q.state.data.connectivity, requestedAt)) ? false : 1_000),
  });
}

/** A page of the link's probes, newest first. */
export function useLinkProbes(id: string, cursor: string | null, enabled: boolean) {
  return useQuery({
    queryKey: linkKeys.probes(id, cursor),
    queryFn: () => answerOf(api.GET("/api/v1/links/{id}/connectivity", { params: { path: { id }, query: { limit: 10, cursor: cursor ?? undefined } } })),
    enabled,
    placeholderData: keepPreviousData,
  });
}

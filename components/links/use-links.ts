"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, answerOf, api } from "@/components/api/client";
import type { Connectivity, Link, LinkEvent } from "@/lib/api-client/client";
import type { CreateLinkInput, LinkKind } from "@/lib/links/schemas";
import { isMoving, type LinkState } from "@/lib/links/state-machine";
import { LINK_ACTION_NEWS, linkChanges, type LinkActionNews } from "@/components/live/changes";
import { livePoll } from "@/components/live/poll";
import { useChangeToasts } from "@/components/live/use-change-toasts";
import { useToast } from "@/components/ui/toast";

export const linkKeys = {
  all: ["links"] as const,
  list: (filters: LinkFilters) => ["links", "mine", filters] as const,
  detail: (id: string) => ["links", "detail", id] as const,
  events: (id: string) => ["links", "events", id] as const,
  connectivity: ["connectivity"] as const,
  probes: (id: string, cursor: string | null) => ["links", "probes", id, cursor] as const,
};

export type LinkFilters = { state?: LinkState | ""; kind?: LinkKind | ""; region?: string; q?: string; includeDeleted?: boolean; cursor?: string | null };

type LinkPage = { data: Link[]; nextCursor: string | null };

/**
 * A page of the organization's links, live (components/live/poll.ts), toasting links whose state changed meanwhile
 * (the console's fleet is components/admin/use-admin-links.ts).
 */
export function useLinks(filters: LinkFilters) {
  const query = {
    limit: 25,
    state: filters.state || undefined,
    kind: filters.kind || undefined,
    region: filters.region || undefined,
    q: filters.q?.trim() || undefined,
    includeDeleted: filters.includeDeleted ? ("true" as const) : undefined,
    cursor: filters.cursor ?? undefined,
  };
  const links = useQuery({
    queryKey: linkKeys.list(filters),
    queryFn: () => answerOf(api.GET("/api/v1/links", { params: { query } })),
    refetchInterval: livePoll<LinkPage>((page) => page.data.some((link) => isMoving(link.state))),
    placeholderData: keepPreviousData,
  });
  // The last filter's page shown meanwhile is not news about this one.
  useChangeToasts(links.isPlaceholderData ? undefined : links.data?.data, linkChanges, { scope: JSON.stringify(filters) });
  return links;
}

/**
 * A link, live: every 2 s while it moves, backing off while it stays settled; `initialData` is the server's render, so
 * the page never shows a loading state. A state reached meanwhile is toasted ("billing-db is available").
 */
export function useLink(id: string, initialData?: Link) {
  const link = useQuery({
    queryKey: linkKeys.detail(id),
    queryFn: () => answerOf(api.GET("/api/v1/links/{id}", { params: { path: { id } } })),
    initialData,
    refetchInterval: livePoll<Link>((data) => isMoving(data.state)),
  });
  useChangeToasts(link.data, (before, after) => linkChanges([before], [after]), { scope: id });
  return link;
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

/**
 * Our connectivity facts for the Setup page, live: regions offered, and cross-region reach, follow the vendor's edits and
 * the organization's plan; `initialData` when the page rendered them on the server.
 */
export function useConnectivity(initialData?: Connectivity) {
  return useQuery({
    queryKey: linkKeys.connectivity,
    queryFn: () => answerOf(api.GET("/api/v1/connectivity")),
    initialData,
    refetchInterval: livePoll<Connectivity>(),
  });
}

/** A change to a link: every list and page of links is read again after it; `done` confirms it with a toast. */
function useLinkMutation<I>(request: (input: I) => Promise<Link>, done?: LinkActionNews) {
  const client = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: request,
    onSuccess: (link) => {
      client.setQueryData(linkKeys.detail(link.id), link);
      // Keyed by the link: the state it reaches next, read live, replaces this toast.
      if (done) toast(LINK_ACTION_NEWS[done](link.name), { key: link.id });
    },
    onSettled: () => client.invalidateQueries({ queryKey: linkKeys.all }),
  });
}

export const useRegisterLink = () => useLinkMutation((body: CreateLinkInput) => answerOf(api.POST("/api/v1/links", { body })));
export const useVerifyLink = () => useLinkMutation((id: string) => answerOf(api.POST("/api/v1/links/{id}/verify", { params: { path: { id } } })), "verify");
/** A new endpoint for the same service, through verification again (POST /api/v1/links/{id}/reconnect). */
export const useReconnectLink = () =>
  useLinkMutation((id: string) => answerOf(api.POST("/api/v1/links/{id}/reconnect", { params: { path: { id } } })), "reconnect");
export const useDeleteLink = () => useLinkMutation((id: string) => answerOf(api.DELETE("/api/v1/links/{id}", { params: { path: { id } } })), "delete");

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

"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answerOf, api } from "@/components/api/client";
import type { Link } from "@/lib/api-client/client";
import type { AdminListLinksQuery } from "@/lib/links/admin-schemas";
import { isMoving } from "@/lib/links/state-machine";
import { LINK_ACTION_NEWS, type LinkActionNews } from "@/components/live/changes";
import { livePoll } from "@/components/live/poll";
import { useToast } from "@/components/ui/toast";

export type AdminLink = Link & { organization: NonNullable<Link["organization"]> };
export type FleetFilters = Omit<AdminListLinksQuery, "limit">;

/** A page of every organization's links, filtered (GET /api/v1/admin/links); under ["links"] so every link action refreshes it. */
export function useAdminLinks(filters: FleetFilters, limit = 25) {
  return useQuery({
    queryKey: ["links", "fleet", filters, limit],
    queryFn: async () => {
      const page = await answerOf(api.GET("/api/v1/admin/links", { params: { query: { limit, ...filters } } }));
      return { ...page, data: page.data as AdminLink[] };
    },
    refetchInterval: livePoll<{ data: AdminLink[] }>((page) => page.data.some((link) => isMoving(link.state))),
  });
}

/** One link of any organization with its timeline and AWS facts (GET /api/v1/admin/links/{id}). */
export function useAdminLink(id: string) {
  return useQuery({
    queryKey: ["links", "fleet-detail", id],
    queryFn: () => answerOf(api.GET("/api/v1/admin/links/{id}", { params: { path: { id } } })),
    refetchInterval: livePoll<{ link: Link }>((detail) => isMoving(detail.link.state)),
  });
}

/** "3 h", "2 d": how long ago, short. */
export function ageOf(iso: string, now: number): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} d`;
}

/** An admin action on a link, confirmed by a toast; every list and page of links is read again after it (all under ["links"]). */
function useAdminLinkMutation<I>(request: (input: I) => Promise<Link>, done: LinkActionNews) {
  const client = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: request,
    onSuccess: (link) => toast(LINK_ACTION_NEWS[done](link.name), { key: link.id }),
    onSettled: () => client.invalidateQueries({ queryKey: ["links"] }),
  });
}

const linkPath = (id: string) => ({ params: { path: { id } } });

export const useApproveLink = () => useAdminLinkMutation((id: string) => answerOf(api.POST("/api/v1/admin/links/{id}/approve", linkPath(id))), "approve");
export const useRetryLink = () => useAdminLinkMutation((id: string) => answerOf(api.POST("/api/v1/admin/links/{id}/retry", linkPath(id))), "retry");
/** Makes a link due for the reconciler now. */
export const useReconcileLink = () => useAdminLinkMutation((id: string) => answerOf(api.POST("/api/v1/admin/links/{id}/reconcile", linkPath(id))), "reconcile");
export const useReleaseLink = () => useAdminLinkMutation((id: string) => answerOf(api.POST("/api/v1/admin/links/{id}/release", linkPath(id))), "release");
export const useDenyLink = () =>
  useAdminLinkMutation(
    ({ id, reason }: { id: string; reason: string }) => answerOf(api.POST("/api/v1/admin/links/{id}/deny", { ...linkPath(id), body: { reason } })),
    "deny",
  );

"use client";

import { useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { allPages, answerOf, api } from "@/components/api/client";
import type { CreateApiKeyInput } from "@/lib/api-keys/schemas";
import type { ChangeMemberRoleInput, CreateInvitationInput } from "@/lib/orgs/member-schemas";
import type { WebhookCreateInput } from "@/lib/webhooks/schemas";

/** The organization settings' data: members and invitations, API keys, webhooks and their deliveries, over /api/v1. */
export const settingsKeys = {
  members: ["members"] as const,
  invitations: ["invitations"] as const,
  apiKeys: ["api-keys"] as const,
  webhooks: ["webhooks"] as const,
  deliveries: (webhookId: string) => ["webhooks", webhookId, "deliveries"] as const,
};

/** A mutation that refreshes `keys` once it settles (success or not: the server's word wins). */
function useSettingsMutation<I, O>(keys: (input: I) => QueryKey[], request: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: (_data, _error, input) => Promise.all(keys(input).map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

export const useMembers = () =>
  useQuery({
    queryKey: settingsKeys.members,
    queryFn: () => allPages((cursor) => answerOf(api.GET("/api/v1/members", { params: { query: { limit: 100, cursor } } }))),
  });
export const useInvitations = () =>
  useQuery({
    queryKey: settingsKeys.invitations,
    queryFn: () => allPages((cursor) => answerOf(api.GET("/api/v1/invitations", { params: { query: { limit: 100, cursor } } }))),
  });
export const useCreateInvitation = () =>
  useSettingsMutation(
    () => [settingsKeys.invitations],
    (body: CreateInvitationInput) => answerOf(api.POST("/api/v1/invitations", { body })),
  );
export const useRevokeInvitation = () =>
  useSettingsMutation(
    () => [settingsKeys.invitations],
    (id: string) => answerOf(api.DELETE("/api/v1/invitations/{id}", { params: { path: { id } } })),
  );
export const useChangeMemberRole = () =>
  useSettingsMutation(
    () => [settingsKeys.members],
    ({ id, ...body }: { id: string } & ChangeMemberRoleInput) => answerOf(api.PATCH("/api/v1/members/{id}", { params: { path: { id } }, body })),
  );
export const useRemoveMember = () =>
  useSettingsMutation(
    () => [settingsKeys.members],
    (id: string) => answerOf(api.DELETE("/api/v1/members/{id}", { params: { path: { id } } })),
  );

export const useApiKeys = () =>
  useQuery({
    queryKey: settingsKeys.apiKeys,
    queryFn: () => allPages((cursor) => answerOf(api.GET("/api/v1/api-keys", { params: { query: { limit: 100, cursor } } }))),
  });
export const useCreateApiKey = () =>
  useSettingsMutation(
    () => [settingsKeys.apiKeys],
    (body: CreateApiKeyInput) => answerOf(api.POST("/api/v1/api-keys", { body })),
  );
export const useRevokeApiKey = () =>
  useSettingsMutation(
    () => [settingsKeys.apiKeys],
    (id: string) => answerOf(api.DELETE("/api/v1/api-keys/{id}", { params: { path: { id } } })),
  );

export const useWebhooks = () =>
  useQuery({
    queryKey: settingsKeys.webhooks,
    queryFn: () => allPages((cursor) => answerOf(api.GET("/api/v1/webhooks", { params: { query: { limit: 50, cursor } } }))),
  });
export const useCreateWebhook = () =>
  useSettingsMutation(
    () => [settingsKeys.webhooks],
    (body: WebhookCreateInput) => answerOf(api.POST("/api/v1/webhooks", { body })),
  );
export const useDeleteWebhook = () =>
  useSettingsMutation(
    () => [settingsKeys.webhooks],
    (id: string) => answerOf(api.DELETE("/api/v1/webhooks/{id}", { params: { path: { id } } })),
  );
export const useEnableWebhook = () =>
  useSettingsMutation(
    () => [settingsKeys.webhooks],
    (id: string) => answerOf(api.POST("/api/v1/webhooks/{id}/enable", { params: { path: { id } } })),
  );

/** The newest deliveries; polled while one is pending, so a test event's outcome appears on its own. */
export const useWebhookDeliveries = (webhookId: string) =>
  useQuery({
    queryKey: settingsKeys.deliveries(webhookId),
    queryFn: () => answerOf(api.GET("/api/v1/webhooks/{id}/deliveries", { params: { path: { id: webhookId }, query: { limit: 20 } } })),
    refetchInterval: (query) => (query.state.data?.data.some((delivery) => delivery.status === "pending") ? 2_000 : false),
  });
export const useSendTestEvent = () =>
  useSettingsMutation(
    (id: string) => [settingsKeys.deliveries(id)],
    (id: string) => answerOf(api.POST("/api/v1/webhooks/{id}/test", { params: { path: { id } } })),
  );
export const useRetryDelivery = () =>
  useSettingsMutation(
    ({ webhookId }: { webhookId: string; deliveryId: string }) => [settingsKeys.deliveries(webhookId)],
    ({ webhookId, deliveryId }: { webhookId: string; deliveryId: string }) =>
      answerOf(api.POST("/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry", { params: { path: { id: webhookId, deliveryId } } })),
  );

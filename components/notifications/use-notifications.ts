"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answerOf, api } from "@/components/api/client";
import type { UpdateNotificationPreferencesInput } from "@/lib/notifications/kinds";

/** Your own notification choices, over /api/v1/me/notifications (your session only). */
export const notificationKeys = { preferences: ["me", "notifications"] as const };

export const useNotificationPreferences = () =>
  useQuery({ queryKey: notificationKeys.preferences, queryFn: () => answerOf(api.GET("/api/v1/me/notifications")) });

export const useUpdateNotificationPreferences = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateNotificationPreferencesInput) => answerOf(api.PATCH("/api/v1/me/notifications", { body })),
    onSuccess: (answer) => client.setQueryData(notificationKeys.preferences, answer),
  });
};

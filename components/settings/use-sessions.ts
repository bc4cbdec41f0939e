"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answerOf, api } from "@/components/api/client";

/** The signed-in person's own sessions and address verification, over /api/v1/me (their session only). */
export const sessionKeys = { sessions: ["me", "sessions"] as const };

export const useSessions = () => useQuery({ queryKey: sessionKeys.sessions, queryFn: () => answerOf(api.GET("/api/v1/me/sessions")) });

export function useEndSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => answerOf(api.DELETE("/api/v1/me/sessions/{id}", { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: sessionKeys.sessions }),
  });
}

export const useResendVerification = () => useMutation({ mutationFn: () => answerOf(api.POST("/api/v1/me/email-verification")) });

"use client";

import { useMutation } from "@tanstack/react-query";
import { answerOf, api } from "@/components/api/client";
import type { ChangePasswordInput } from "@/lib/auth/schemas";

/** The signed-in person's own account, over /api/v1/me (their session only). */
export const useChangePassword = () => useMutation({ mutationFn: (body: ChangePasswordInput) => answerOf(api.POST("/api/v1/me/password", { body })) });

export const useSignOutEverywhere = () => useMutation({ mutationFn: () => answerOf(api.DELETE("/api/v1/me/sessions")) });

export const useStartSsoLink = () => useMutation({ mutationFn: () => answerOf(api.POST("/api/v1/me/sso-link")) });

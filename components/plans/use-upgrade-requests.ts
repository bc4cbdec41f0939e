"use client";

import { useMutation } from "@tanstack/react-query";
import { answerOf, api } from "@/components/api/client";
import type { CreateUpgradeRequestInput } from "@/lib/upgrade-requests/schemas";

export const useRequestUpgrade = () =>
  useMutation({ mutationFn: (body: CreateUpgradeRequestInput) => answerOf(api.POST("/api/v1/upgrade-requests", { body })) });

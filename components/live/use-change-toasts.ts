"use client";

import { useEffect, useRef } from "react";
import { useToast, type ToastTone } from "@/components/ui/toast";
import type { News } from "./changes";

type Options = { tone?: ToastTone; scope?: string };

/**
 * Toasts what changed between two reads of live data (`describe` says it in sentences). The first read, what the page
 * showed when it opened, is news to nobody; nor is a read of another list: `scope` (say, the filters) starts over.
 */
export function useChangeToasts<T>(data: T | undefined, describe: (before: T, after: T) => (string | News)[], { tone = "info", scope = "" }: Options = {}) {
  const toast = useToast();
  const previous = useRef<{ data: T | undefined; scope: string }>({ data, scope });
  const describeRef = useRef(describe);
  useEffect(() => {
    describeRef.current = describe;
  });
  useEffect(() => {
    const before = previous.current;
    previous.current = { data, scope };
    if (before.scope !== scope || before.data === undefined || data === undefined || before.data === data) return;
    for (const news of describeRef.current(before.data, data)) {
      const { message, key } = typeof news === "string" ? { message: news, key: undefined } : news;
      toast(message, { tone, key });
    }
  }, [data, scope, toast, tone]);
}

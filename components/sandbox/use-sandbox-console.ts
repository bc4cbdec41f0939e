"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { problemOf } from "@/components/api/client";
import {
  sandboxConsoleViewSchema,
  sandboxResourceSchema,
  sandboxServiceSchema,
  type AllowPrincipalInput,
  type ConnectionActionInput,
  type ConsoleScope,
  type CreateSandboxResourceInput,
  type CreateSandboxServiceInput,
  type DeleteSandboxServiceInput,
  type ListenerActionInput,
  type LoadBalancerSettingInput,
  type TargetActionInput,
} from "@/lib/sandbox-console/schemas";

/** /api/sandbox/*: the portal's own routes (not in the /api/v1 document), so plain fetch with the session cookie. */
async function call(path: string, init?: { body: unknown }) {
  const response = await fetch(path, {
    method: init ? "POST" : "GET",
    headers: init ? { "content-type": "application/json" } : {},
    body: init ? JSON.stringify(init.body) : undefined,
    credentials: "same-origin",
  });
  if (!response.ok) throw await problemOf(response);
  return response.json() as Promise<unknown>;
}

export const sandboxKeys = { console: (scope: Partial<ConsoleScope>) => ["sandbox-console", scope] as const, all: ["sandbox-console"] as const };

/** The account's services and connection requests, resource configurations and their shares; polled, so a request made from the portal appears on its own. */
export function useSandboxConsole(scope: Partial<ConsoleScope>) {
  const query = new URLSearchParams(Object.entries(scope).filter((entry): entry is [string, string] => Boolean(entry[1])));
  return useQuery({
    queryKey: sandboxKeys.console(scope),
    queryFn: async () => sandboxConsoleViewSchema.parse(await call(`/api/sandbox/console?${query}`)),
    refetchInterval: 3_000,
  });
}

function useConsoleMutation<I, O>(request: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: request, onSettled: () => client.invalidateQueries({ queryKey: sandboxKeys.all }) });
}

export const useCreateSandboxService = () =>
  useConsoleMutation(async (body: CreateSandboxServiceInput) => sandboxServiceSchema.parse(await call("/api/sandbox/services", { body })));
export const useCreateSandboxResource = () =>
  useConsoleMutation(async (body: CreateSandboxResourceInput) => sandboxResourceSchema.parse(await call("/api/sandbox/resources", { body })));
export const useAllowSandboxPrincipal = () => useConsoleMutation((body: AllowPrincipalInput) => call("/api/sandbox/services/allow", { body }));
export const useDeleteSandboxService = () => useConsoleMutation((body: DeleteSandboxServiceInput) => call("/api/sandbox/services/delete", { body }));
export const useAnswerSandboxConnection = () => useConsoleMutation((body: ConnectionActionInput) => call("/api/sandbox/connections", { body }));
export const useChangeSandboxTarget = () => useConsoleMutation((body: TargetActionInput) => call("/api/sandbox/targets", { body }));
export const useChangeSandboxListener = () => useConsoleMutation((body: ListenerActionInput) => call("/api/sandbox/listeners", { body }));
export const useChangeSandboxLoadBalancer = () => useConsoleMutation((body: LoadBalancerSettingInput) => call("/api/sandbox/load-balancers", { body }));

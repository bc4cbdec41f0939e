"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { answerOf, api, messageOf } from "@/components/api/client";
import { upgradeAnswerNews, upgradeArrivals } from "@/components/live/changes";
import { livePoll } from "@/components/live/poll";
import { useChangeToasts } from "@/components/live/use-change-toasts";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PageButtons, useCursorPages } from "@/components/ui/cursor-pages";
import { useToast } from "@/components/ui/toast";
import { denyUpgradeRequestInputSchema, type UpgradeRequestView } from "@/lib/upgrade-requests/schemas";
import { DenyForm } from "./deny-form";
import { ageOf } from "./use-admin-links";

const KEY = ["upgrade-requests", "open"] as const;

/**
 * Customers' open requests for a better plan: who asks, from which plan to which, what they
 * wrote and since when. Approving changes the organization's plan at once; denying needs a reason
 * the organization reads.
 */
export function UpgradeRequests() {
  const pages = useCursorPages();
  const client = useQueryClient();
  const toast = useToast();
  const requests = useQuery({
    queryKey: [...KEY, pages.cursor],
    queryFn: () => answerOf(api.GET("/api/v1/admin/upgrade-requests", { params: { query: { status: "open", limit: 25, cursor: pages.cursor ?? undefined } } })),
    refetchInterval: livePoll(),
  });
  useChangeToasts(requests.data?.data, upgradeArrivals, { scope: pages.cursor ?? "" });
  const answer = useMutation({
    mutationFn: ({ id, verdict, reason }: { id: string; verdict: "approve" | "deny"; reason?: string }) =>
      answerOf(api.POST(`/api/v1/admin/upgrade-requests/{id}/${verdict}`, { params: { path: { id } }, body: { reason } })),
    onSuccess: (request) => toast(upgradeAnswerNews(request)),
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
  const [denying, setDenying] = useState<string | null>(null);

  if (requests.isPending) return <p className="text-sm text-slate-500">Loading upgrade requests…</p>;
  if (requests.isError) return <Alert>{messageOf(requests.error)}</Alert>;
  const rows = requests.data.data;
  return (
    <div className="space-y-3">
      {answer.isError && !denying ? <Alert>{messageOf(answer.error)}</Alert> : null}
      {rows.length === 0 ? <p className="text-sm text-slate-600">No organization is asking for another plan.</p> : null}
      <ul className="space-y-3">
        {rows.map((request) => (
          <li key={request.id} className="rounded-md border border-slate-200 p-4 text-sm" aria-label={`Upgrade request of ${request.organizationName}`}>
            <Summary request={request} now={requests.dataUpdatedAt} />
            <div className="mt-3 flex flex-wrap gap-2">
              <Button onClick={() => answer.mutate({ id: request.id, verdict: "approve" })} isLoading={answer.isPending && answer.variables.id === request.id}>
                Approve {request.requestedPlan}
              </Button>
              <Button variant="secondary" onClick={() => setDenying(request.id)}>
                Deny
              </Button>
            </div>
            {denying === request.id ? (
              <div className="mt-3">
                <DenyForm
                  id={`deny-upgrade-${request.id}`}
                  count={1}
                  what="request"
                  schema={denyUpgradeRequestInputSchema}
                  onDeny={async (reason) => {
                    await answer.mutateAsync({ id: request.id, verdict: "deny", reason });
                    setDenying(null);
                  }}
                  onCancel={() => setDenying(null)}
                />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <PageButtons pages={pages} nextCursor={requests.data.nextCursor} />
    </div>
  );
}

function Summary({ request, now }: { request: UpgradeRequestView; now: number }) {
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-semibold">{request.organizationName}</span>
        <span className="text-slate-500">asked {ageOf(request.createdAt, now)} ago</span>
      </div>
      <p>
        From the <strong>{request.currentPlan}</strong> plan to <strong>{request.requestedPlan}</strong>
      </p>
      {request.message ? <p className="break-words text-slate-700">“{request.message}”</p> : null}
    </div>
  );
}

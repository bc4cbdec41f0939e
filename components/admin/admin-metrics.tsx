"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo, type ReactNode } from "react";
import { answerOf, api, messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import type { AdminMetrics } from "@/lib/api-client/client";
import { Chart, COUNT_STEPS, DURATION_STEPS, type ChartScale, type ChartSeries } from "./chart";
import { timestampOf } from "./format";
import { DataTable } from "./data-table";
import { count } from "@/components/live/changes";
import { KIND_DISPLAY } from "@/lib/links/kind-display";

const METRICS_KEY = ["admin-metrics"] as const;
const COLORS = { first: "#4f46e5", second: "#b45309", third: "#be123c" } as const;

/** "45 s", "3.5 min", "2.1 h". */
export function durationOf(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** "1 link", "3 links". */

const countScale = (unit: string): ChartScale => ({ unit, format: (value) => Math.round(value).toLocaleString("en-US"), steps: COUNT_STEPS });
const SCALES = {
  links: countScale("links"),
  events: countScale("links or jobs"),
  jobs: countScale("jobs"),
  duration: { unit: "time taken", format: durationOf, steps: DURATION_STEPS },
  waited: { unit: "waited", format: durationOf, steps: DURATION_STEPS },
} satisfies Record<string, ChartScale>;

/** The fleet's charts: links now, then the last 48 hours by hour; each with a sentence and its numbers as a table. */
export function AdminMetricsView() {
  const metrics = useQuery({ queryKey: METRICS_KEY, queryFn: () => answerOf(api.GET("/api/v1/admin/metrics")), refetchInterval: 60_000 });
  if (metrics.isPending)
    return (
      <p role="status" className="text-sm text-slate-600">
        Loading the figures…
      </p>
    );
  if (metrics.isError) return <Alert>{messageOf(metrics.error)}</Alert>;
  return <Charts data={metrics.data} />;
}

function Charts({ data }: { data: AdminMetrics }) {
  const { hours, registerToAvailable: timing, errors, queues } = data;
  const byState = useMemo(() => {
    const totals = new Map<string, number>();
    for (const row of data.linksByState) totals.set(row.state, (totals.get(row.state) ?? 0) + row.count);
    return {
      categories: [...totals.keys()].map((state) => state.replaceAll("_", " ")),
      series: [{ label: "Links", values: [...totals.values()], color: COLORS.first }],
    };
  }, [data.linksByState]);
  const x = useMemo(() => ({ hours }), [hours]);
  const timingSeries = useMemo(
    () => [
      { label: "Median", values: timing.p50Seconds, color: COLORS.first },
      { label: "90th percentile", values: timing.p90Seconds, color: COLORS.second },
    ],
    [timing],
  );
  const errorSeries = useMemo(
    () => [
      { label: "Links failed", values: errors.failed, color: COLORS.third },
      { label: "Verifications failed", values: errors.verificationFailed, color: COLORS.second },
      { label: "Jobs waiting to retry", values: errors.retrying, color: COLORS.first },
    ],
    [errors],
  );
  const depthSeries = useMemo(() => [{ label: "Jobs waiting", values: queues.depth, color: COLORS.first }], [queues.depth]);
  const ageSeries = useMemo(() => [{ label: "Oldest wait", values: queues.oldestSeconds, color: COLORS.second }], [queues.oldestSeconds]);
  const sum = (values: (number | null)[]) => values.reduce<number>((total, v) => total + (v ?? 0), 0);
  const latest = (values: (number | null)[]) => values.findLast((v) => v !== null) ?? null;
  const available = sum(timing.count);
  const lastSample = latest(queues.depth);

  return (
    <div className="space-y-4">
      <IamRoles roles={data.iamRoles} />
      <Card title="Links now, by state">
        {data.linksByState.length === 0 ? (
          <p className="text-sm text-slate-600">No links yet.</p>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-700">
              {count(sum(byState.series[0]!.values), "link")}: {byState.categories.map((state, i) => `${byState.series[0]!.values[i]} ${state}`).join(", ")}.
            </p>
            <p className="mb-2 text-sm text-slate-700" data-testid="links-by-kind">
              By what they connect to: {data.linksByKind.map((row) => count(row.count, `${KIND_DISPLAY[row.kind].target.toLowerCase()} link`)).join(", ")}.
            </p>
            <Chart x={byState} series={byState.series} scale={SCALES.links} />
            <Numbers
              caption="Links by state and region"
              head={["State", "Region", "Links"]}
              rows={data.linksByState.map((r) => [r.state, r.region, r.count])}
              open
            />
          </>
        )}
      </Card>
      <Card title="Register to available, by hour">
        {available === 0 ? (
          <p className="text-sm text-slate-600">No link became available in the last 48 hours.</p>
        ) : (
          <HourlyChart
            summary={`${count(available, "link")} became available in the last 48 hours; in the latest hour with any, the median took ${durationOf(latest(timing.p50Seconds) ?? 0)} and the 90th percentile ${durationOf(latest(timing.p90Seconds) ?? 0)}.`}
            x={x}
            series={timingSeries}
            scale={SCALES.duration}
          />
        )}
      </Card>
      <Card title="AWS errors and throttling, by hour">
        {sum(errors.failed) + sum(errors.verificationFailed) + sum(errors.retrying) === 0 ? (
          <p className="text-sm text-slate-600">No failures and no retries in the last 48 hours.</p>
        ) : (
          <HourlyChart
            summary={`In the last 48 hours ${count(sum(errors.failed), "link")} failed and ${count(sum(errors.verificationFailed), "verification")} failed; at most ${count(Math.max(0, ...errors.retrying.map((v) => v ?? 0)), "job")} waited to retry after AWS throttling or an error.`}
            x={x}
            series={errorSeries}
            scale={SCALES.events}
          />
        )}
      </Card>
      <Card title="Job queues, by hour">
        {lastSample === null ? (
          <p className="text-sm text-slate-600">No worker has sampled the queues yet: workers do every {queues.sampleEveryMinutes} minutes.</p>
        ) : (
          <>
            <HourlyChart
              summary={`The latest sample: ${count(lastSample, "job")} waiting, the oldest for ${durationOf(latest(queues.oldestSeconds) ?? 0)}. The highest of each hour's samples (every ${queues.sampleEveryMinutes} minutes).`}
              x={x}
              series={depthSeries}
              scale={SCALES.jobs}
            />
            <HourlyChart summary="The longest a waiting job had waited." x={x} series={ageSeries} scale={SCALES.waited} />
          </>
        )}
      </Card>
    </div>
  );
}

/** The vendor account's IAM roles against their quota: once spent, no new organization gets a principal. */
function IamRoles({ roles }: { roles: AdminMetrics["iamRoles"] }) {
  const cap = `The portal creates at most ${count(roles.creationsPerHour, "role")} an hour; more wait.`;
  if (roles.used === null || roles.quota === null) {
    return (
      <Card title="IAM roles">
        <Alert>We could not read the IAM roles quota: {roles.unavailable}</Alert>
        <p className="mt-2 text-sm text-slate-700">{cap}</p>
      </Card>
    );
  }
  const left = Math.max(0, roles.quota - roles.used);
  const share = roles.quota > 0 ? Math.min(100, Math.round((roles.used / roles.quota) * 100)) : 100;
  return (
    <Card title="IAM roles">
      <p className="text-sm text-slate-700" data-testid="iam-roles">
        {roles.used} of {roles.quota} roles used in the vendor account ({share} %); {count(left, "role")} left for new organizations.
      </p>
      <meter aria-label="IAM roles used" min={0} max={roles.quota} high={roles.quota * 0.8} value={roles.used} className="mt-2 h-3 w-full" />
      <p className="mt-2 text-sm text-slate-700">{cap}</p>
    </Card>
  );
}

function HourlyChart({ summary, x, series, scale }: { summary: string; x: { hours: string[] }; series: ChartSeries[]; scale: ChartScale }) {
  const { format } = scale;
  const rows = x.hours
    .map((hour, i) => [timestampOf(hour).slice(0, 16), ...series.map((s) => (s.values[i] === null ? "—" : format(s.values[i]!)))])
    .filter((_, i) => series.some((s) => s.values[i] !== null && s.values[i] !== 0));
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700">{summary}</p>
      <Chart x={x} series={series} scale={scale} />
      <Numbers
        caption={`${series.map((s) => s.label).join(", ")} by hour (UTC); hours without any left out`}
        head={["Hour (UTC)", ...series.map((s) => s.label)]}
        rows={rows}
      />
    </div>
  );
}

/** The chart's numbers as a table, folded away unless `open`. */
function Numbers({ open = false, ...table }: { caption: string; head: string[]; rows: ReactNode[][]; open?: boolean }) {
  return (
    <details open={open} className="text-sm">
      <summary className="cursor-pointer text-indigo-700">The numbers</summary>
      <DataTable {...table} className="mt-2" />
    </details>
  );
}

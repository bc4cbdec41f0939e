import type { Metadata } from "next";
import { AdminMetricsView } from "@/components/admin/admin-metrics";
import { pageAdmin } from "@/lib/auth/page-guards";

export const metadata: Metadata = { title: "Metrics · Admin console" };

export default async function MetricsPage() {
  await pageAdmin();
  return (
    <>
      <h1 className="text-2xl font-bold">Metrics</h1>
      <p className="text-sm text-slate-600">
        From the database: link events and the job queues as workers sample them every five minutes. For Prometheus, scrape /api/metrics with METRICS_TOKEN.
      </p>
      <AdminMetricsView />
    </>
  );
}

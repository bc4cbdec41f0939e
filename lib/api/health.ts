import "server-only";
import { checkReadiness } from "@/lib/db/readiness";
import { json, route } from "./route";

/** GET /api/health: the process is up; says nothing of its dependencies (that is /api/ready). */
export const healthRoute = route(async () => json({ status: "ok" }));

/** GET /api/ready: 200 once the database answers and is migrated, 503 with the reason otherwise. */
export const readinessRoute = route(async () => {
  const readiness = await checkReadiness();
  return json(readiness.ready ? { status: "ready" } : { status: "not_ready", reason: readiness.reason }, { status: readiness.ready ? 200 : 503 });
});

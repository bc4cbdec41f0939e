import { json, route } from "@/lib/api/route";
import { checkReadiness } from "@/lib/db/readiness";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const readiness = await checkReadiness();
  return json(readiness.ready ? { status: "ready" } : { status: "not_ready", reason: readiness.reason }, { status: readiness.ready ? 200 : 503 });
});

import { json, route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** The process is up; says nothing of its dependencies (that is /api/ready). */
export const GET = route(async () => json({ status: "ok" }));

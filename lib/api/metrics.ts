import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { appEngine } from "@/lib/engine";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { route } from "./route";
import { collectMetrics } from "@/lib/metrics/collect";

export const metricsRoute = (tokenOf: () => string | undefined = () => getEnv().METRICS_TOKEN) =>
  route(async ({ request }) => {
    const token = tokenOf();
    if (!token) throw new AppError("not_found", "No metrics here: set METRICS_TOKEN to turn /api/metrics on.");
    const given = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
    if (!sameSecret(given, token)) throw new AppError("unauthenticated", "Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.");
    const { contentType, body } = await collectMetrics(appEngine());
    return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  });

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

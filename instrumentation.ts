/**
 * Runs once when a server process starts: a bad configuration stops it before it serves, and
 * traces start when configured (lib/telemetry.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { exportLibraryEnv, getEnv } = await import("./lib/env");
  const { startTracing } = await import("./lib/telemetry");
  const env = getEnv();
  exportLibraryEnv(env);
  await startTracing(env, env.OTEL_SERVICE_NAME);
}

/** Runs once when a server process starts: a bad configuration stops it before it serves. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { exportLibraryEnv, getEnv } = await import("./lib/env");
  exportLibraryEnv(getEnv());
}

/** "2026-11-28 01:02:03": an ISO timestamp as the console prints it (UTC, to the second). */
export function timestampOf(iso: string): string {
  return iso.replace("T", " ").slice(0, 19);
}

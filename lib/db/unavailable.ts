// The database itself cannot be reached, as opposed to a query that failed: the one case the API answers 503 with
// Retry-After, since retrying later is all a caller can do.

/** An unreachable server (P1001), a connection timeout (P1002) and a closed connection (P1017). */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "TlsConnectionError"]);
/** Socket errors, and PostgreSQL's admin_shutdown, crash_shutdown and cannot_connect_now. */
const DRIVER_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03"]);

export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause && typeof cause === "object" && depth < 8; depth++) {
    const { code, meta } = cause as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
    if (typeof code === "string" && (PRISMA_CODES.has(code) || DRIVER_CODES.has(code))) return true;
    const kind = meta?.driverAdapterError?.cause?.kind;
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

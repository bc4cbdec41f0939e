import pino from "pino";
import { getEnv } from "@/lib/env";

/**
 * Structured JSON logs on stdout. `npm run dev` pipes them through pino-pretty; production keeps
 * JSON. Secrets are redacted by key wherever they appear in a logged object.
 */
const REDACT_PATHS = [
  "password",
  "passwordHash",
  "secret",
  "token",
  "key",
  "authorization",
  "cookie",
  "*.password",
  "*.passwordHash",
  "*.secret",
  "*.token",
  "*.key",
  "*.authorization",
  "*.cookie",
  "*.*.password",
  "*.*.authorization",
  "*.*.cookie",
];

export const LOG_REDACTIONS = { paths: REDACT_PATHS, censor: "[redacted]" };

const globalForLogger = globalThis as unknown as { logger?: pino.Logger };

/** A logger for one process kind (`service` names it on every line). */
export function createLogger(service: string): pino.Logger {
  return pino({ level: getEnv().LOG_LEVEL, base: { service }, redact: LOG_REDACTIONS, timestamp: pino.stdTimeFunctions.isoTime });
}

/** The web process's logger. */
export function getLogger(): pino.Logger {
  globalForLogger.logger ??= createLogger("privatelink-portal");
  return globalForLogger.logger;
}

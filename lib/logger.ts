import pino from "pino";
import { getEnv } from "@/lib/env";

// JSON always: `npm run dev` pretty-prints in its parent process. Secrets are redacted by key, up to two levels deep.
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

export function createLogger(service: string): pino.Logger {
  return pino({ level: getEnv().LOG_LEVEL, base: { service }, redact: LOG_REDACTIONS, timestamp: pino.stdTimeFunctions.isoTime });
}

export function getLogger(): pino.Logger {
  globalForLogger.logger ??= createLogger("privatelink-portal");
  return globalForLogger.logger;
}

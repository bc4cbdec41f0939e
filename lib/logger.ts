import pino from "pino";
import { getEnv } from "@/lib/env";

/**
 * Structured JSON logs on stdout. `npm run dev` pipes them through pino-pretty; production keeps
 * JSON. Secrets are redacted by key wherever they appear in a logged object.
 */
const REDACT = [
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

const globalForLogger = globalThis as unknown as { logger?: pino.Logger };

export function getLogger(): pino.Logger {
  globalForLogger.logger ??= pino({
    level: getEnv().LOG_LEVEL,
    base: { service: "privatelink-portal" },
    redact: { paths: REDACT, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
  return globalForLogger.logger;
}

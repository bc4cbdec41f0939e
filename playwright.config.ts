import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests against a production build on its own embedded PostgreSQL (.data/e2e, wiped
 * at each run). Browser: CHROMIUM_PATH, else /usr/bin/chromium, else Playwright's own.
 */
export const PORT = Number(process.env.E2E_PORT ?? 3100);
export const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4599);
/** The DNS server sso.spec.ts runs on loopback for claimed domains' TXT proofs. */
export const DNS_PROOF_PORT = SANDBOX_PORT + 2;
/** Where the server's loopback mail receiver keeps what the portal sends (specs read the .eml files or /dev/mail). */
export const MAIL_DIR = ".data/e2e/mail";
const MAIL_RECEIVER_PORT = 4625;
const executablePath = process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node -e \"require('fs').rmSync('.data/e2e',{recursive:true,force:true})\" && npm run build && npm start",
    url: `http://127.0.0.1:${PORT}/api/ready`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      APP_URL: `http://127.0.0.1:${PORT}`,
      DATABASE_URL: "",
      EMBEDDED_PG_DIR: ".data/e2e/postgres",
      EMBEDDED_PG_PORT: "54339",
      AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e",
      LOG_LEVEL: "warn",
      // The built-in sandbox AWS, on its own port, with endpoints changing state at once.
      SANDBOX_PORT: String(SANDBOX_PORT),
      SANDBOX_DNS_PORT: String(SANDBOX_PORT + 1),
      SANDBOX_STATE_FILE: ".data/e2e/sandbox-state.json",
      SANDBOX_DELAY_MS: "0",
      // No SMTP_URL: mail goes to the loopback receiver, on its own port, kept apart from `npm run dev`'s.
      MAIL_DIR,
      MAIL_RECEIVER_PORT: String(MAIL_RECEIVER_PORT),
      // Webhook journeys deliver to a receiver the test runs on loopback.
      WEBHOOK_ALLOW_PRIVATE_URLS: "true",
      // sso.spec.ts: an organization's provider on a loopback http port, domain proofs from its DNS server.
      SSO_ALLOW_LOOPBACK_ISSUERS: "true",
      DNS_PROOF_SERVER: `127.0.0.1:${DNS_PROOF_PORT}`,
      // Every spec signs up from 127.0.0.1: more than the 10 an hour one address may.
      SIGN_UP_LIMIT_ADDRESS_PER_HOUR: "1000",
      // The server runs NODE_ENV=production, where vendor admins need a second factor; the specs sign admins in with a password
      // (tests/e2e/mfa.spec.ts enrols one and signs in with a code).
      ADMIN_MFA: "optional",
    },
  },
});

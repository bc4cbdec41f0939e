import "server-only";
import { getEnv, isLoopbackHost, type Env } from "@/lib/env";

// Who may read /dev/mail, what the loopback receiver kept: there is nothing to read when mail goes through SMTP_URL. Under
// `npm run dev` (NODE_ENV development) anyone who reaches the portal may; under `npm start` (the demo on this machine) only a
// signed-in vendor admin, and only while the portal listens on loopback: these messages hold password-reset and invitation
// links, and a loopback portal may still sit behind a reverse proxy.
export type MailboxAccess = "anyone" | "admins" | "nobody";

export function mailboxAccess(env: Env = getEnv()): MailboxAccess {
  if (env.SMTP_URL) return "nobody";
  if (env.NODE_ENV !== "production") return "anyone";
  return isLoopbackHost(env.HOST) ? "admins" : "nobody";
}

export function mailboxDir(env: Env = getEnv()): string {
  return env.MAIL_DIR;
}

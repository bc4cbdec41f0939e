import type { Engine } from "@/lib/engine";
import { appUrl, getEnv, type Env } from "@/lib/env";

// Where mail goes: SMTP_URL, or with none the loopback receiver that `npm run dev` and `npm start` run (lib/mail/receiver.ts), so
// the same SMTP path runs everywhere. Tests replace these per engine.
export type MailSettings = { smtpUrl: string; from: string; appUrl: string };

declare module "@/lib/engine" {
  interface EngineOverrides {
    /** Key by key over the environment's. */
    mail?: Partial<MailSettings>;
  }
}

export function mailSettingsFromEnv(env: Env = getEnv()): MailSettings {
  return { smtpUrl: env.SMTP_URL ?? loopbackSmtpUrl(env.MAIL_RECEIVER_PORT), from: env.MAIL_FROM, appUrl: appUrl(env) };
}

export function mailSettingsOf(engine: Pick<Engine, "overrides">): MailSettings {
  return { ...mailSettingsFromEnv(), ...engine.overrides?.mail };
}

export function loopbackSmtpUrl(port: number): string {
  return `smtp://127.0.0.1:${port}`;
}

/** The Message-ID of a MailMessage row: the row's id at APP_URL's host, so a message sent twice is recognisably one. */
export function messageIdOf(id: string, url: string): string {
  return `<${id}@${new URL(url).hostname}>`;
}

/** The MailMessage id in a Message-ID we made, or null for any other. */
export function mailIdOfMessageId(messageId: string | undefined): string | null {
  const match = /^<?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@[^>]+>?$/i.exec(messageId?.trim() ?? "");
  return match ? match[1]!.toLowerCase() : null;
}

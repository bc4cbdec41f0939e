import path from "node:path";
import { isLoopbackHost, type Env } from "@/lib/env";
import { startMailReceiver } from "@/lib/mail/receiver";
import { say } from "./runtime";

/**
 * With no SMTP_URL, `npm run dev` and `npm start` run the loopback SMTP receiver (lib/mail/receiver.ts): the worker sends to it
 * as it would to any SMTP server, and it keeps each message under MAIL_DIR, listed at /dev/mail. The server and worker get the
 * folder and the port it listens on.
 */
export type MailSetup = { env: Record<string, string>; stop: () => Promise<void> };

export async function setUpMail(env: Env): Promise<MailSetup> {
  if (env.SMTP_URL) return { env: {}, stop: async () => {} };
  const dir = path.resolve(env.MAIL_DIR);
  let receiver;
  try {
    receiver = await startMailReceiver({ dir, port: env.MAIL_RECEIVER_PORT });
  } catch (error) {
    throw new Error(
      `the loopback mail receiver could not listen on 127.0.0.1:${env.MAIL_RECEIVER_PORT} (${error instanceof Error ? error.message : String(error)}). ` +
        "Set MAIL_RECEIVER_PORT to a free port (0: any), or SMTP_URL to send through your SMTP server.",
    );
  }
  say(
    `no SMTP_URL: mail goes to the loopback receiver on ${receiver.url}, which keeps it in ${path.relative(process.cwd(), dir) || dir} (read it at /dev/mail)`,
  );
  if (!isLoopbackHost(env.HOST)) say("the portal serves other hosts but mails nobody: set SMTP_URL (README, Mail)");
  return { env: { MAIL_DIR: dir, MAIL_RECEIVER_PORT: String(receiver.port) }, stop: receiver.close };
}

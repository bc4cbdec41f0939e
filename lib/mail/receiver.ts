import { randomUUID } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { loopbackSmtpUrl, mailIdOfMessageId } from "./settings";

// With no SMTP_URL, mail still goes over SMTP: to this receiver on 127.0.0.1, which keeps each message as `<MailMessage.id>.eml`
// under MAIL_DIR (the id read from its Message-ID), so a message sent again after a crash is the same file, not a second one.
// `npm run dev` and `npm start` run it beside the sandbox AWS (scripts/serve.ts); tests run their own. No TLS and no
// authentication: it listens on loopback only and keeps what it is given.

export type ReceivedMail = { id: string | null; messageId: string | null; file: string; raw: Buffer };

export type MailReceiver = { url: string; port: number; dir: string; close: () => Promise<void> };

const MAX_BYTES = 10 * 1024 * 1024;

export async function startMailReceiver({
  dir,
  port = 0,
  onReceived,
}: {
  dir: string;
  port?: number;
  /** Called once a message is on disk, before the server answers "250": tests pause or kill a worker here. */
  onReceived?: (mail: ReceivedMail) => Promise<void> | void;
}): Promise<MailReceiver> {
  mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    name: "localhost",
    banner: "privatelink-portal loopback mail receiver",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: MAX_BYTES,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error("Message too large"), { responseCode: 552 }));
        const raw = Buffer.concat(chunks);
        const messageId = messageIdHeader(raw);
        const id = mailIdOfMessageId(messageId ?? undefined);
        const file = path.join(dir, `${id ?? `unknown-${Date.now()}-${randomUUID()}`}.eml`);
        try {
          // Written whole, then renamed: a reader never sees half a message.
          const partial = `${file}.${randomUUID()}.partial`;
          writeFileSync(partial, raw);
          renameSync(partial, file);
        } catch (error) {
          return callback(error instanceof Error ? error : new Error(String(error)));
        }
        Promise.resolve(onReceived?.({ id, messageId, file, raw })).then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  return {
    url: loopbackSmtpUrl(bound),
    port: bound,
    dir,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Message-ID header of a raw message (its header block only), unfolded. */
function messageIdHeader(raw: Buffer): string | null {
  const text = raw.toString("latin1");
  const end = text.search(/\r?\n\r?\n/);
  const headers = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
  return /^message-id:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? null;
}

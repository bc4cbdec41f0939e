import "server-only";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { simpleParser, type AddressObject } from "mailparser";

// What the loopback receiver kept (lib/mail/receiver.ts), read back for /dev/mail and for tests: each `<id>.eml` under MAIL_DIR.

export type ReceivedMailSummary = { id: string; to: string; subject: string; receivedAt: string };

export type ReceivedMailMessage = ReceivedMailSummary & {
  from: string;
  messageId: string | null;
  text: string;
  listUnsubscribe: string | null;
  listUnsubscribePost: string | null;
};

const FILE_ID = /^[\w-]{1,100}$/;

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  [field ?? []]
    .flat()
    .map((a) => a.text)
    .join(", ");

/** The newest `limit` messages, newest first (by when the receiver wrote them). A folder not made yet holds none. */
export async function listReceivedMail(dir: string, { limit = 100 }: { limit?: number } = {}): Promise<ReceivedMailSummary[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? [] : Promise.reject(error)));
  const files = await Promise.all(
    names
      .filter((name) => name.endsWith(".eml") && FILE_ID.test(name.slice(0, -4)))
      .map(async (name) => ({ id: name.slice(0, -4), modifiedAt: (await stat(path.join(dir, name))).mtime })),
  );
  const newest = files.sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime()).slice(0, limit);
  return Promise.all(newest.map(async ({ id, modifiedAt }) => summaryOf(id, await readReceivedMail(dir, id), modifiedAt)));
}

function summaryOf(id: string, message: ReceivedMailMessage | null, modifiedAt: Date): ReceivedMailSummary {
  return { id, to: message?.to ?? "", subject: message?.subject ?? "(unreadable)", receivedAt: message?.receivedAt ?? modifiedAt.toISOString() };
}

/** One message by its id (the file's name), or null when there is none. */
export async function readReceivedMail(dir: string, id: string): Promise<ReceivedMailMessage | null> {
  if (!FILE_ID.test(id)) return null;
  const file = path.join(dir, `${id}.eml`);
  const raw = await readFile(file).catch((error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? null : Promise.reject(error)));
  if (!raw) return null;
  const parsed = await simpleParser(raw);
  // As written: mailparser turns List-* headers into objects.
  const header = (name: string) => {
    const line = parsed.headerLines.find((entry) => entry.key === name)?.line;
    return line === undefined
      ? null
      : line
          .slice(line.indexOf(":") + 1)
          .replace(/\r?\n[ \t]+/g, " ")
          .trim();
  };
  return {
    id,
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    subject: parsed.subject ?? "(no subject)",
    receivedAt: (parsed.date ?? (await stat(file)).mtime).toISOString(),
    messageId: parsed.messageId ?? null,
    text: parsed.text ?? "",
    listUnsubscribe: header("list-unsubscribe"),
    listUnsubscribePost: header("list-unsubscribe-post"),
  };
}

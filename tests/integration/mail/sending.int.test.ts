import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { engineFromEnv, type Engine } from "@/lib/engine";
import { readReceivedMail } from "@/lib/mail/inbox";
import { queueMail } from "@/lib/mail/outbox";
import { SMTPServer } from "smtp-server";
import { startMailReceiver } from "@/lib/mail/receiver";
import type { MailSettings } from "@/lib/mail/settings";
import { withAppDatabase } from "../fixtures/database";
import { withWorkers } from "../fixtures/workers";
import { until } from "../until";
import { freePort } from "../../fixtures/free-port";

/**
 * The outbox through a real worker and real SMTP: a queued message reaches the loopback receiver once, as `<id>.eml` with the
 * Message-ID `<id@host of APP_URL>` and its link in the text part; a server that refuses connections leaves the row unsent
 * with the reason, and the retry sends it once the server answers; a server that asks for credentials gets those in the URL.
 */
const db = withAppDatabase();
const workers = withWorkers({ expireInSeconds: 30 });
const APP_URL = "http://portal.test:3000";

const engineWith = (mail: Partial<MailSettings>): Engine => ({ ...engineFromEnv(db()), overrides: { mail } });

async function queueVerification(key: string, url: string): Promise<string> {
  await db().$transaction((tx) => queueMail(tx, { key, to: "Someone@Example.com", template: "verify-email", data: { url } }, { ctx: { requestId: "test" } }));
  return (await db().mailMessage.findUniqueOrThrow({ where: { key } })).id;
}

describe("sending the outbox", () => {
  it("sends a queued message exactly once, as <id>.eml carrying its Message-ID and link", async () => {
    const worker = await workers.start(engineWith({ appUrl: APP_URL }));
    const url = `${APP_URL}/verify-email/tok_once`;
    const id = await queueVerification("verify:once", url);
    // Queueing the same key again is the same message.
    await db().$transaction((tx) =>
      queueMail(tx, { key: "verify:once", to: "someone@example.com", template: "verify-email", data: { url } }, { ctx: { requestId: "t" } }),
    );

    const sent = await until(
      () => db().mailMessage.findUniqueOrThrow({ where: { id } }),
      (row) => row.sentAt !== null,
    );
    expect(sent).toMatchObject({ attempts: 1, lastError: null, to: "someone@example.com" });
    const received = workers.mail.received.filter((mail) => mail.id === id);
    expect(received).toHaveLength(1);
    expect(received[0]!.messageId).toBe(`<${id}@portal.test>`);
    expect(readdirSync(workers.mail.dir).filter((name) => name.startsWith(id))).toEqual([`${id}.eml`]);

    const message = await readReceivedMail(workers.mail.dir, id);
    expect(message).toMatchObject({
      to: "someone@example.com",
      messageId: `<${id}@portal.test>`,
      subject: "Confirm your email address for PrivateLink portal",
    });
    expect(message!.text).toContain(url);
    expect(message!.listUnsubscribe).toBeNull();
    expect(await db().mailMessage.count()).toBe(1);
    await worker.stop();
  });

  it("keeps a message the SMTP server refuses unsent with the reason, and sends it when the server answers", async () => {
    const port = await freePort();
    const worker = await workers.start(engineWith({ appUrl: APP_URL, smtpUrl: `smtp://127.0.0.1:${port}` }));
    const id = await queueVerification("verify:refused", `${APP_URL}/verify-email/tok_refused`);

    const refused = await until(
      () => db().mailMessage.findUniqueOrThrow({ where: { id } }),
      (row) => row.attempts >= 1,
    );
    expect(refused.sentAt).toBeNull();
    expect(refused.lastError).toMatch(/ECONNREFUSED/);

    const dir = mkdtempSync(path.join(tmpdir(), "mail-late-"));
    const receiver = await startMailReceiver({ dir, port });
    try {
      const sent = await until(
        () => db().mailMessage.findUniqueOrThrow({ where: { id } }),
        (row) => row.sentAt !== null,
      );
      expect(sent.lastError).toBeNull();
      expect(sent.attempts).toBeGreaterThanOrEqual(2);
      expect(existsSync(path.join(dir, `${id}.eml`))).toBe(true);
      expect((await readReceivedMail(dir, id))!.text).toContain("/verify-email/tok_refused");
    } finally {
      await worker.stop();
      await receiver.close();
    }
  });

  it("signs in to a server that asks, with the credentials in SMTP_URL", async () => {
    const logins: string[] = [];
    const recipients: string[] = [];
    const server = new SMTPServer({
      disabledCommands: ["STARTTLS"],
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _session, callback) =>
        auth.username === "mailer" && auth.password === "p@ss:word"
          ? (logins.push(auth.username), callback(null, { user: auth.username }))
          : callback(new Error("Invalid username or password")),
      onData: (stream, session, callback) => {
        recipients.push(...session.envelope.rcptTo.map((to) => to.address));
        stream.resume().on("end", () => callback());
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.server.address() as { port: number };
    const worker = await workers.start(engineWith({ appUrl: APP_URL, smtpUrl: `smtp://mailer:${encodeURIComponent("p@ss:word")}@127.0.0.1:${port}` }));
    try {
      const id = await queueVerification("verify:auth", `${APP_URL}/verify-email/tok_auth`);
      await until(
        () => db().mailMessage.findUniqueOrThrow({ where: { id } }),
        (row) => row.sentAt !== null,
      );
      expect(logins).toEqual(["mailer"]);
      expect(recipients).toEqual(["someone@example.com"]);
    } finally {
      await worker.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

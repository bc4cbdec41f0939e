import type { ChildProcess } from "node:child_process";
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { engineFromEnv } from "@/lib/engine";
import { readReceivedMail } from "@/lib/mail/inbox";
import { queueMail } from "@/lib/mail/outbox";
import { withAppDatabase } from "../fixtures/database";
import { withSandbox } from "../fixtures/sandbox";
import { exitOf, withWorkers } from "../fixtures/workers";
import { until } from "../until";

/**
 * A worker (`scripts/worker.ts` in its own process, sending through SMTP_URL) is frozen the moment the receiver has the message,
 * the receiver then answers "250 accepted", and the worker is killed: it never commits `sentAt`. Once its job expires another
 * worker sends the message again: the receiver sees the same Message-ID twice, keeps one file, and nothing else is duplicated.
 */
const JOB_EXPIRE_SECONDS = 3;
const APP_URL = "http://portal.test:3000";

let frozen: ChildProcess | undefined;
let accepted: () => void = () => {};
const acceptedOnce = new Promise<void>((resolve) => (accepted = resolve));

const db = withAppDatabase();
const sandbox = withSandbox();
const workers = withWorkers({
  expireInSeconds: JOB_EXPIRE_SECONDS,
  onMailReceived: () => {
    if (workers.mail.received.length !== 1 || !frozen) return;
    frozen.kill("SIGSTOP");
    // The receiver answers once this returns; the frozen worker cannot read the answer, let alone commit.
    setImmediate(accepted);
  },
});

describe("a worker killed between the SMTP server's acceptance and its commit", () => {
  it("sends the message again with the same Message-ID, and only that", async () => {
    frozen = await workers.spawn(sandbox(), { APP_URL, JOB_EXPIRE_SECONDS: String(JOB_EXPIRE_SECONDS) });
    const url = `${APP_URL}/invitations/inv_crash`;
    await db().$transaction((tx) =>
      queueMail(
        tx,
        {
          key: "invitation:crash",
          to: "new@example.com",
          template: "invitation",
          data: { organizationName: "Acme", invitedBy: "Ada", role: "member", url, expiresAt: "2026-12-31T00:00:00.000Z" },
        },
        { ctx: { requestId: "test" } },
      ),
    );
    const { id } = await db().mailMessage.findUniqueOrThrow({ where: { key: "invitation:crash" } });

    await acceptedOnce;
    const exited = exitOf(frozen);
    frozen.kill("SIGKILL");
    await exited;
    const afterKill = await db().mailMessage.findUniqueOrThrow({ where: { id } });
    expect(afterKill).toMatchObject({ sentAt: null, attempts: 0 });

    const worker = await workers.start({ ...engineFromEnv(db()), overrides: { mail: { appUrl: APP_URL } } });
    const sent = await until(
      () => db().mailMessage.findUniqueOrThrow({ where: { id } }),
      (row) => row.sentAt !== null,
    );
    await worker.stop();

    expect(sent).toMatchObject({ attempts: 1, lastError: null });
    expect(workers.mail.received.map((mail) => mail.messageId)).toEqual([`<${id}@portal.test>`, `<${id}@portal.test>`]);
    expect(readdirSync(workers.mail.dir)).toEqual([`${id}.eml`]);
    expect((await readReceivedMail(workers.mail.dir, id))!.text).toContain(url);
    expect(await db().mailMessage.count()).toBe(1);
  });
});

import "server-only";
import { z } from "zod";
import type { Ctx } from "@/lib/context";
import type { Prisma } from "@/lib/db/generated/client";
import { defineJob, retriedQueue } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/queue";
import type { MailData, MailTemplate } from "./messages";

// Mail goes out through an outbox: a MailMessage row written in the transaction of what it tells (a reset token, an
// invitation, a link's change) and a `mail-send` job queued in the same transaction, so a message is never lost when a process
// dies, and its key makes queueing it twice one message.

export type { MailData, MailTemplate } from "./messages";

export type QueuedMail<T extends MailTemplate> = { key: string; to: string; userId?: string | null; template: T; data: MailData[T] };

export const sendMailJob = defineJob({
  name: "mail-send",
  schema: z.object({ messageId: z.uuid() }),
  // Backoff from 2 s, then at most every 10 minutes, for about a week: an SMTP server down for a day loses nothing.
  options: (settings) => ({ ...retriedQueue(settings), retryDelayMax: 600 }),
  singletonKey: ({ messageId }) => messageId,
  // Loaded when a worker first sends: the web process queues mail but never renders it, and the React build Next gives route
  // handlers (`react-server`) has no react-dom/server.
  handle: async (args) => (await import("./send")).sendMailMessage(args),
});

/** Queues the message unless one with its key exists; answers whether it queued one. */
export async function queueMail<T extends MailTemplate>(
  tx: Prisma.TransactionClient,
  mail: QueuedMail<T>,
  { ctx }: { ctx: Pick<Ctx, "requestId"> },
): Promise<boolean> {
  const [row] = await tx.mailMessage.createManyAndReturn({
    data: [{ key: mail.key, to: mail.to.toLowerCase(), userId: mail.userId ?? null, template: mail.template, data: mail.data }],
    skipDuplicates: true,
    select: { id: true },
  });
  if (!row) return false;
  await enqueue(tx, sendMailJob, { messageId: row.id }, { ctx });
  return true;
}

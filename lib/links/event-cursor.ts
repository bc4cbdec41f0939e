import "server-only";
import { Prisma, type LinkEvent } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/client";

// LinkEvent rows are the outbox every transition writes; webhooks and notifications each read them with a cursor row of their
// own. Ids are a sequence, so an uncommitted transaction can hold an id below one already visible: the cursor only moves over
// events older than `settleMs` (link transactions last seconds), and younger ones are read again next pass. A reader must
// therefore make reading an event twice harmless (a unique key on what it writes).

/** The cursor tables; each row is one reader. */
export type CursorTable = "WebhookOutboxCursor" | "NotificationCursor";

export type EventCursor = {
  table: CursorTable;
  id: string;
  /** Where a reader that has never run starts: every event, or only those from now on. */
  startAt: "first" | "newest";
  settleMs: number;
  batchSize: number;
  /** Which events the reader wants; the cursor moves over the others too. */
  where?: Prisma.LinkEventWhereInput;
};

/** One pass: every page of unread events goes to `handle` in its own transaction; returns the events read and what `handle` counted. */
export async function readLinkEvents(
  db: Db,
  cursor: EventCursor,
  handle: (tx: Prisma.TransactionClient, events: LinkEvent[]) => Promise<number>,
): Promise<{ events: number; handled: number }> {
  const table = Prisma.raw(`"${cursor.table}"`);
  const start = cursor.startAt === "first" ? Prisma.sql`0` : Prisma.sql`(SELECT COALESCE(MAX("id"), 0) FROM "LinkEvent")`;
  await db.$executeRaw`INSERT INTO ${table} ("id", "lastEventId", "updatedAt") VALUES (${cursor.id}, ${start}, now()) ON CONFLICT DO NOTHING`;
  const [row] = await db.$queryRaw<{ lastEventId: bigint }[]>`SELECT "lastEventId" FROM ${table} WHERE "id" = ${cursor.id}`;
  let scanFrom = row!.lastEventId;
  const report = { events: 0, handled: 0 };
  for (;;) {
    const page = await db.$transaction(async (tx) => {
      const events = await tx.linkEvent.findMany({ where: { ...cursor.where, id: { gt: scanFrom } }, orderBy: { id: "asc" }, take: cursor.batchSize });
      return { count: events.length, handled: await handle(tx, events), last: events.at(-1)?.id ?? null };
    });
    report.events += page.count;
    report.handled += page.handled;
    if (page.count < cursor.batchSize || page.last === null) break;
    scanFrom = page.last;
  }
  // Every event up to the first one still settling (or the newest, when none is) has now been read: move the cursor there.
  // It never moves back, so two passes at once stay harmless.
  await db.$executeRaw`
    UPDATE ${table} AS c
       SET "lastEventId" = GREATEST(c."lastEventId", COALESCE(
             (SELECT MIN(e."id") - 1 FROM "LinkEvent" AS e WHERE e."id" > c."lastEventId" AND e."createdAt" >= now() - (${cursor.settleMs}::integer * interval '1 millisecond')),
             (SELECT MAX(e."id") FROM "LinkEvent" AS e),
             c."lastEventId")),
           "updatedAt" = now()
     WHERE c."id" = ${cursor.id}`;
  return report;
}

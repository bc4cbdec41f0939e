import "server-only";
import { z } from "zod";
import type { Ctx } from "@/lib/context";
import type { LinkEvent, Prisma } from "@/lib/db/generated/client";
import { defineJob, singlePassQueue } from "@/lib/jobs/define";
import { readLinkEvents, type EventCursor } from "@/lib/links/event-cursor";
import type { MailData, MailTemplate } from "@/lib/mail/messages";
import { queueMail } from "@/lib/mail/outbox";
import { mailSettingsOf } from "@/lib/mail/settings";
import type { NotificationKind } from "./kinds";
import { wantingIt } from "./preferences";
import { unsubscribeUrls } from "./unsubscribe";

// LinkEvent rows become mail (lib/links/event-cursor.ts reads them, from the events after the first pass), one message per
// event and person (key `notify:<event>:<user>`), so reading an event twice sends nothing twice. Members of the
// link's organization hear of what concerns them; vendor admins of links waiting for approval, one message per pass.
export const NOTIFY = { settleMs: 60_000, batchSize: 200 };

const EXAMPLES = 5;

type Tx = Prisma.TransactionClient;

/** The kind an event is news of, if any. */
export function kindOf(event: Pick<LinkEvent, "kind" | "toState" | "fromState" | "toConnectivity">): NotificationKind | null {
  if (event.kind === "connectivity") return event.toConnectivity === "degraded" ? "link_degraded" : null;
  if (event.kind !== "state" || event.fromState === event.toState) return null;
  switch (event.toState) {
    case "pending_acceptance":
      return "link_needs_acceptance";
    case "available":
      return "link_available";
    case "rejected":
    case "expired":
      return "link_rejected";
    case "disconnected":
      return "link_disconnected";
    case "pending_approval":
      return "approvals_waiting";
    default:
      return null;
  }
}

type LinkNewsKind = Exclude<NotificationKind, "approvals_waiting" | "link_needs_acceptance">;
type LinkNewsTemplate = "link-available" | "link-rejected" | "link-disconnected" | "link-degraded";

const TEMPLATE_OF: Record<LinkNewsKind, LinkNewsTemplate> = {
  link_available: "link-available",
  link_rejected: "link-rejected",
  link_disconnected: "link-disconnected",
  link_degraded: "link-degraded",
};

export type NotifyReport = { events: number; messages: number };

export async function dispatchNotifications({ ctx, input = {} }: { ctx: Ctx; input?: { settleMs?: number; batchSize?: number } }): Promise<NotifyReport> {
  const cursor: EventCursor = { table: "NotificationCursor", id: "link-events", startAt: "newest", ...NOTIFY, ...input };
  const news = (page: LinkEvent[]) => page.filter((event) => kindOf(event) !== null);
  const { events, handled } = await readLinkEvents(ctx.engine.db, cursor, (tx, page) => notify(tx, ctx, news(page)));
  const report = { events, messages: handled };
  if (report.messages > 0) ctx.log.info({ ...report }, "notifications queued");
  return report;
}

export const dispatchNotificationsJob = defineJob({
  name: "notifications-dispatch",
  schema: z.object({}),
  options: ({ expireInSeconds }) => singlePassQueue(Math.max(60, expireInSeconds)),
  singletonKey: () => "notify",
  every: { ms: 2_000 },
  handle: ({ ctx }) => dispatchNotifications({ ctx }),
});

async function notify(tx: Tx, ctx: Ctx, events: LinkEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const base = mailSettingsOf(ctx.engine).appUrl;
  const links = await tx.link.findMany({
    where: { id: { in: [...new Set(events.map((e) => e.linkId))] } },
    select: { id: true, name: true, serviceName: true, organization: { select: { name: true } } },
  });
  const linkById = new Map(links.map((link) => [link.id, link]));
  const memberships = await tx.membership.findMany({
    where: { organizationId: { in: [...new Set(events.map((e) => e.organizationId))] } },
    select: { organizationId: true, user: { select: { id: true, email: true } } },
  });
  let queued = 0;
  const queue = async <T extends MailTemplate>(key: string, user: { id: string; email: string }, template: T, data: MailData[T]) => {
    if (await queueMail(tx, { key, to: user.email, userId: user.id, template, data }, { ctx })) queued += 1;
  };

  for (const event of events) {
    const kind = kindOf(event);
    const link = linkById.get(event.linkId);
    if (!kind || kind === "approvals_waiting" || !link) continue;
    const members = memberships.filter((m) => m.organizationId === event.organizationId).map((m) => m.user);
    const wanting = await wantingIt(
      tx,
      members.map((m) => m.id),
      kind,
    );
    for (const user of members.filter((m) => wanting.has(m.id))) {
      const urls = unsubscribeUrls(user.id, kind, base);
      const common = {
        organizationName: link.organization.name,
        linkName: link.name,
        url: `${base}/links/${link.id}`,
        detail: event.reason || null,
        settingsUrl: `${base}/settings#notifications`,
        unsubscribeUrl: urls.page,
        oneClickUrl: urls.oneClick,
      };
      const key = `notify:${event.id}:${user.id}`;
      if (kind === "link_needs_acceptance") await queue(key, user, "link-needs-acceptance", { ...common, serviceName: link.serviceName });
      else await queue(key, user, TEMPLATE_OF[kind], common);
    }
  }

  // Vendor admins: one message per pass with links newly waiting, keyed by the newest such event.
  const waitingEvents = events.filter((event) => kindOf(event) === "approvals_waiting");
  const newest = waitingEvents.at(-1);
  if (newest) {
    const admins = await tx.user.findMany({ where: { role: "admin" }, select: { id: true, email: true } });
    const wanting = await wantingIt(
      tx,
      admins.map((a) => a.id),
      "approvals_waiting",
    );
    const waiting = await tx.link.count({ where: { state: "pending_approval" } });
    const examples = waitingEvents
      .map((event) => linkById.get(event.linkId))
      .filter((link) => link !== undefined)
      .slice(0, EXAMPLES)
      .map((link) => `${link.name} (${link.organization.name})`);
    for (const admin of admins.filter((a) => wanting.has(a.id))) {
      const urls = unsubscribeUrls(admin.id, "approvals_waiting", base);
      await queue(`approvals:${newest.id}:${admin.id}`, admin, "approvals-waiting", {
        waiting: Math.max(waiting, 1),
        examples,
        url: `${base}/admin`,
        settingsUrl: `${base}/admin#notifications`,
        unsubscribeUrl: urls.page,
        oneClickUrl: urls.oneClick,
      });
    }
  }
  return queued;
}

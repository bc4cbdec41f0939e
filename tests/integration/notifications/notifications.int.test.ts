import { describe, expect, it } from "vitest";
import * as unsubscribeRoute from "@/app/api/v1/unsubscribe/[token]/route";
import { SYSTEM_ACTOR } from "@/lib/context";
import { engineFromEnv } from "@/lib/engine";
import type { LinkState } from "@/lib/links/state-machine";
import { moveLink } from "@/lib/links/persist";
import { listReceivedMail, readReceivedMail } from "@/lib/mail/inbox";
import { NOTIFY } from "@/lib/notifications/dispatch";
import { call, type Handler, MODULES } from "../api/api-helpers";
import { createOrganization } from "../fixtures/app";
import { createUser } from "../fixtures/callers";
import { withAppDatabase } from "../fixtures/database";
import { withWorkers } from "../fixtures/workers";
import { until } from "../until";

/**
 * A link's transitions reach, by mail through the worker and the loopback receiver, the members of its organization who want
 * them (and nobody else); links waiting for approval reach vendor admins; each message's one-click unsubscribe turns its
 * kind off for its person, and the next transition of that kind is not mailed to them.
 */
const db = withAppDatabase();
const workers = withWorkers({ expireInSeconds: 30 });
const APP_URL = "http://portal.test:3000";
const preferences = MODULES["/api/v1/me/notifications"]!;
const oneClick = unsubscribeRoute as unknown as Record<"GET" | "POST", Handler>;

let serviceCounter = 0;

async function linkIn(organizationId: string, state: LinkState, name: string) {
  serviceCounter += 1;
  return db().link.create({
    data: {
      organizationId,
      name,
      serviceName: `com.amazonaws.vpce.us-east-1.vpce-svc-${serviceCounter}${Date.now()}`,
      serviceRegion: "us-east-1",
      region: "us-east-1",
      ports: [5432],
      state,
    },
  });
}

async function move(link: { id: string; organizationId: string; state: LinkState; version: number }, to: LinkState, reason: string) {
  return db().$transaction((tx) => moveLink(tx, link, { to, reason, actor: SYSTEM_ACTOR }));
}

const mailTo = (email: string) => db().mailMessage.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });

describe("notifications", () => {
  it("mail opted-in members of a link's organization, and vendor admins of approvals; one click unsubscribes", async () => {
    Object.assign(NOTIFY, { settleMs: 0 });
    const { org } = await createOrganization();
    const { org: elsewhere } = await createOrganization();
    const owner = await createUser({ organizationId: org.id, role: "owner" });
    const quiet = await createUser({ organizationId: org.id, role: "member" });
    const stranger = await createUser({ organizationId: elsewhere.id, role: "owner" });
    const admin = await createUser({ isAdmin: true });

    // The member turns "available" off in Settings; the choices read back.
    const changed = await call(preferences.PATCH, { method: "PATCH", path: "/api/v1/me/notifications", body: { link_available: false }, caller: quiet });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ link_available: false, link_needs_acceptance: true, approvals_waiting: true });
    const refused = await call(preferences.PATCH, { method: "PATCH", path: "/api/v1/me/notifications", body: { link_available: "no" }, caller: quiet });
    expect(refused.status).toBe(422);

    const link = await linkIn(org.id, "provisioning", "orders-db");
    const waiting = await move(link, "pending_acceptance", "endpoint created; the service owner must accept it");
    await move(waiting, "available", "the service owner accepted the connection");
    const approval = await linkIn(org.id, "verifying", "billing-api");
    await move(approval, "pending_approval", "verified; waiting for a vendor admin");
    const worker = await workers.start({ ...engineFromEnv(db()), overrides: { mail: { appUrl: APP_URL } } });

    // owner: acceptance + available; quiet member: acceptance only; the vendor admin: one approvals message; the stranger: nothing.
    await until(
      async () => [await mailTo(owner.user.email), await mailTo(quiet.user.email), await mailTo(admin.user.email)],
      ([a, b, c]) => a!.length === 2 && b!.length === 1 && c!.length === 1 && [...a!, ...b!, ...c!].every((m) => m.sentAt !== null),
    );
    expect((await mailTo(owner.user.email)).map((m) => m.template).sort()).toEqual(["link-available", "link-needs-acceptance"]);
    expect((await mailTo(quiet.user.email)).map((m) => m.template)).toEqual(["link-needs-acceptance"]);
    expect((await mailTo(admin.user.email)).map((m) => m.template)).toEqual(["approvals-waiting"]);
    expect(await mailTo(stranger.user.email)).toEqual([]);

    // The message as received: RFC 8058's headers, and the unsubscribe page in its text.
    const available = (await mailTo(owner.user.email)).find((m) => m.template === "link-available")!;
    const received = await readReceivedMail(workers.mail.dir, available.id);
    expect(received!.subject).toBe("orders-db is available");
    expect(received!.text).toContain(`${APP_URL}/links/${link.id}`);
    const header = /^<(http:\/\/portal\.test:3000\/api\/v1\/unsubscribe\/([\w.-]+))>$/.exec(received!.listUnsubscribe ?? "");
    expect(header).not.toBeNull();
    expect(received!.listUnsubscribePost).toBe("List-Unsubscribe=One-Click");
    const token = header![2]!;
    expect(received!.text).toContain(`${APP_URL}/unsubscribe/${token}`);

    // A browser opening the header's URL is sent to the page that asks first; a mail client's one-click POST unsubscribes.
    const opened = await call(oneClick.GET, { method: "GET", path: `/api/v1/unsubscribe/${token}`, params: { token } });
    expect(opened.status).toBe(303);
    expect(new URL(opened.headers.get("location")!).pathname).toBe(`/unsubscribe/${token}`);
    const forged = await call(oneClick.POST, {
      method: "POST",
      path: `/api/v1/unsubscribe/${token}x`,
      params: { token: `${token}x` },
      raw: "List-Unsubscribe=One-Click",
      contentType: "application/x-www-form-urlencoded",
    });
    expect(forged.status).toBe(404);
    const clicked = await call(oneClick.POST, {
      method: "POST",
      path: `/api/v1/unsubscribe/${token}`,
      params: { token },
      raw: "List-Unsubscribe=One-Click",
      contentType: "application/x-www-form-urlencoded",
    });
    expect(clicked.status).toBe(200);
    expect(await clicked.json()).toMatchObject({ kind: "link_available", isEnabled: false });
    const read = await call(preferences.GET, { method: "GET", path: "/api/v1/me/notifications", caller: owner });
    expect(await read.json()).toMatchObject({ link_available: false, link_needs_acceptance: true });

    // The next link to become available is mailed to nobody who turned it off: the dispatcher reads past it.
    const second = await linkIn(org.id, "pending_acceptance", "events-db");
    const event = await move(second, "available", "accepted");
    const cursorPast = async () => (await db().notificationCursor.findUniqueOrThrow({ where: { id: "link-events" } })).lastEventId;
    const newest = (await db().linkEvent.findFirstOrThrow({ where: { linkId: event.id }, orderBy: { id: "desc" } })).id;
    await until(cursorPast, (last) => last >= newest);
    await worker.stop();
    expect((await mailTo(owner.user.email)).filter((m) => m.template === "link-available")).toHaveLength(1);
    expect((await mailTo(quiet.user.email)).filter((m) => m.template === "link-available")).toHaveLength(0);
    expect((await listReceivedMail(workers.mail.dir)).length).toBe(await db().mailMessage.count());
  });
});

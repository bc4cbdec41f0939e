import { describe, expect, it } from "vitest";
import { engineFromEnv } from "@/lib/engine";
import { readReceivedMail } from "@/lib/mail/inbox";
import { createInvitation, previewInvitation } from "@/lib/orgs/invitations";
import { createOrganization } from "../fixtures/app";
import { withAppDatabase } from "../fixtures/database";
import { withWorkers } from "../fixtures/workers";
import { until } from "../until";

/** An invitation is emailed from its own transaction, and the link in the mail is the one the owner was shown, and works. */
const db = withAppDatabase();
const workers = withWorkers({ expireInSeconds: 30 });

describe("invitation emails", () => {
  it("queues the invitation with its link, and the worker delivers it", async () => {
    const { org, ctx } = await createOrganization();
    const inviter = await db().user.create({ data: { email: `owner-${Date.now()}@example.com`, name: "Ada Owner" } });
    await db().membership.create({ data: { organizationId: org.id, userId: inviter.id, role: "owner" } });
    const owner = { ...ctx, actor: { type: "user" as const, id: inviter.id }, role: "owner" as const };

    const created = await createInvitation({ ctx: owner, input: { email: "New.Person@Example.com", role: "member" } });
    const row = await db().mailMessage.findUniqueOrThrow({ where: { key: `invitation:${created.id}` } });
    expect(row).toMatchObject({ to: "new.person@example.com", template: "invitation", sentAt: null });
    expect(row.data).toMatchObject({ organizationName: org.name, invitedBy: "Ada Owner", role: "member", url: created.url });

    const worker = await workers.start(engineFromEnv(db()));
    await until(
      () => db().mailMessage.findUniqueOrThrow({ where: { id: row.id } }),
      (sent) => sent.sentAt !== null,
    );
    await worker.stop();
    const mail = await readReceivedMail(workers.mail.dir, row.id);
    expect(mail).toMatchObject({ to: "new.person@example.com", subject: `You are invited to ${org.name} on PrivateLink portal` });
    const link = /https?:\/\/\S+\/invitations\/(inv_[\w-]+)/.exec(mail!.text);
    expect(link?.[0]).toBe(created.url);
    expect(await previewInvitation({ ctx, input: { token: link![1]! } })).toMatchObject({ organizationName: org.name, email: "new.person@example.com" });
  });
});

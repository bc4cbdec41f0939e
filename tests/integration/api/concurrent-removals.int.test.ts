import { beforeAll, describe, expect, it } from "vitest";
import { attemptProof } from "@/lib/orgs/aws-accounts";
import { createOrganizationWithKey, withLinkEngine } from "../fixtures/app";
import { createKey, createUser, type Caller } from "../fixtures/callers";
import { call, HANDLERS } from "./api-helpers";

/**
 * Two requests removing the same thing at once (what the fuzz test found): one wins, the other is
 * an ordinary answer, never a 500; and the removal is audited once.
 */
const { engine } = withLinkEngine();
let key: Caller;
let owner: Caller;
let organizationId = "";

beforeAll(async () => {
  const created = await createOrganizationWithKey();
  organizationId = created.org.id;
  key = { key: created.key };
  owner = { cookie: (await createUser({ organizationId, role: "owner" })).cookie };
});

const twice = <T>(send: () => Promise<T>) => Promise.all([send(), send(), send(), send()]);

describe("concurrent removals", () => {
  it("of one webhook: one 204, the others 404", async () => {
    for (let round = 0; round < 10; round++) {
      const created = await call(HANDLERS.createWebhook!, {
        method: "POST",
        path: "/api/v1/webhooks",
        body: { url: "https://hooks.example.com/in", eventTypes: ["link.state_changed"] },
        caller: key,
      });
      const { id } = (await created.json()) as { id: string };
      const statuses = (
        await twice(() => call(HANDLERS.deleteWebhook!, { method: "DELETE", path: `/api/v1/webhooks/${id}`, params: { id }, caller: key }))
      ).map((r) => r.status);
      expect(statuses.sort()).toEqual([204, 404, 404, 404]);
      expect(await engine().db.auditLog.count({ where: { action: "webhook.delete", targetId: id } })).toBe(1);
    }
  });

  it("of one declared AWS account: one 200, the others 404", async () => {
    for (let round = 0; round < 10; round++) {
      const declared = await call(HANDLERS.declareAwsAccount!, {
        method: "POST",
        path: "/api/v1/aws-accounts",
        body: { accountId: String(300_000_000_000 + round) },
        caller: key,
      });
      const { id } = (await declared.json()) as { id: string };
      const statuses = (
        await twice(() => call(HANDLERS.removeAwsAccount!, { method: "DELETE", path: `/api/v1/aws-accounts/${id}`, params: { id }, caller: key }))
      ).map((r) => r.status);
      expect(statuses.sort()).toEqual([200, 404, 404, 404]);
    }
  });

  it("of one link: every answer 202, the deletion recorded once", async () => {
    for (let round = 0; round < 10; round++) {
      const link = await engine().db.link.create({
        data: {
          organizationId,
          name: `doomed ${round}`,
          serviceName: `com.amazonaws.vpce.us-east-1.vpce-svc-${String(round).padStart(17, "0")}`,
          serviceRegion: "us-east-1",
          region: "us-east-1",
          ports: [5432],
          state: "verification_failed",
        },
      });
      const answers = await twice(() =>
        call(HANDLERS.deleteLink!, { method: "DELETE", path: `/api/v1/links/${link.id}`, params: { id: link.id }, caller: key }),
      );
      expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 202]);
      expect(await engine().db.linkEvent.count({ where: { linkId: link.id, toState: "deleted" } })).toBe(1);
    }
  });

  it("an ownership proof of an account removed meanwhile is null, not a crash", async () => {
    const org = await engine().db.organization.findUniqueOrThrow({ where: { id: organizationId } });
    const account = await engine().db.awsAccount.create({ data: { organizationId, accountId: "399999999999" } });
    await engine().db.awsAccount.delete({ where: { id: account.id } });
    expect(await attemptProof(engine(), org, account)).toBeNull();
  });

  it("of one API key: every answer 200, the revocation audited once", async () => {
    for (let round = 0; round < 10; round++) {
      const { id } = await createKey({ organizationId, name: `victim ${round}` });
      const answers = await twice(() => call(HANDLERS.revokeApiKey!, { method: "DELETE", path: `/api/v1/api-keys/${id}`, params: { id }, caller: owner }));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect(await engine().db.auditLog.count({ where: { action: "api_key.revoke", targetId: id } })).toBe(1);
    }
  });
});

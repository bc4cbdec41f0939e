import { DeleteRoleCommand, DeleteRolePolicyCommand } from "@aws-sdk/client-iam";
import { beforeAll, describe, expect, it } from "vitest";
import { INLINE_POLICY_NAME } from "@/lib/aws/principals";
import { organizationRoleName } from "@/lib/aws/roles";
import { setAppEngine } from "@/lib/engine";
import { clientsOf, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganization, principalArnOf, withLinkEngine } from "../fixtures/app";
import { adminSession, createKey, createUser, type Caller } from "../fixtures/callers";
import { call, HANDLERS } from "./api-helpers";
import { expectDocumented } from "./openapi-check";

/**
 * A vendor admin reads one organization whole (its role's state asked of IAM, declared accounts
 * with proofs, members, open invitations) and repairs a role deleted outside the portal; both
 * audited where they change something, and nobody else's.
 */
const { engine, sandbox } = withLinkEngine();

type Detail = {
  organization: { id: string; memberCount: number; activeLinks: number };
  principal: { mode: string; arn: string; roleState: string; checkError: string | null };
  awsAccounts: { accountId: string; proof: string }[];
  members: { email: string; role: string }[];
  openInvitations: { email: string; status: string }[];
  openInvitationCount: number;
};

let admin: Caller = {};
let owner: Caller = {};
let ownerEmail = "";

async function api(op: "adminGetOrganization" | "adminRepairOrganizationPrincipal", organizationId: string, caller: Caller) {
  const suffix = op === "adminGetOrganization" ? "" : "/principal";
  const response = await call(HANDLERS[op]!, {
    method: op === "adminGetOrganization" ? "GET" : "POST",
    path: `/api/v1/admin/organizations/${organizationId}${suffix}`,
    params: { id: organizationId },
    caller,
  });
  return { status: response.status, body: (await expectDocumented(op, response)) as Detail & { code?: string; detail?: string } };
}

beforeAll(async () => {
  admin = await adminSession();
});

async function organizationWithRole() {
  const { org } = await createOrganization();
  const arn = await principalArnOf(engine(), org.id);
  const made = await createUser({ organizationId: org.id, role: "owner" });
  owner = { cookie: made.cookie };
  ownerEmail = made.user.email;
  return { org, arn };
}

describe("GET /api/v1/admin/organizations/{id}", () => {
  it("shows the principal and its role, declared accounts with proofs, members and open invitations only", async () => {
    const { org, arn } = await organizationWithRole();
    const db = engine().db;
    await db.awsAccount.create({ data: { organizationId: org.id, accountId: "210987654321", proof: "proved", provedAt: new Date() } });
    await db.awsAccount.create({ data: { organizationId: org.id, accountId: "310987654321" } });
    const invitation = (email: string, extra: object) =>
      db.invitation.create({ data: { organizationId: org.id, email, tokenHash: `hash-${email}`, expiresAt: new Date(Date.now() + 86_400_000), ...extra } });
    await invitation("open@example.com", {});
    await invitation("expired@example.com", { expiresAt: new Date(Date.now() - 1000) });
    await invitation("revoked@example.com", { revokedAt: new Date() });

    const { status, body } = await api("adminGetOrganization", org.id, admin);
    expect(status).toBe(200);
    expect(body.organization).toMatchObject({ id: org.id, memberCount: 1, activeLinks: 0 });
    expect(body.principal).toEqual(expect.objectContaining({ mode: "per_organization", arn, roleState: "ready", checkError: null }));
    expect(body.awsAccounts.map((a) => [a.accountId, a.proof])).toEqual([
      ["210987654321", "proved"],
      ["310987654321", "unproved"],
    ]);
    expect(body.members).toEqual([expect.objectContaining({ email: ownerEmail, role: "owner" })]);
    expect(body.openInvitations).toEqual([expect.objectContaining({ email: "open@example.com", status: "open" })]);
    expect(body.openInvitationCount).toBe(1);
  });

  it("says when the role was never made, without making it", async () => {
    const { org } = await createOrganization();
    const { body } = await api("adminGetOrganization", org.id, admin);
    expect(body.principal).toMatchObject({ roleState: "not_created", arn: expect.stringContaining(organizationRoleName(org.id, org.slug)) });
    expect((await engine().db.organization.findUniqueOrThrow({ where: { id: org.id } })).principalArn).toBeNull();
  });

  it("is the admin's alone: a customer's own organization is 403 to them, an unknown one 404 to the admin", async () => {
    const { org } = await organizationWithRole();
    expect((await api("adminGetOrganization", org.id, owner)).status).toBe(403);
    const key = { key: (await createKey({ organizationId: org.id })).key };
    expect((await api("adminGetOrganization", org.id, key)).status).toBe(403);
    expect((await api("adminGetOrganization", "00000000-0000-4000-8000-000000000000", admin)).status).toBe(404);
    expect((await api("adminGetOrganization", "not-an-id", admin)).status).toBe(404);
  });
});

describe("POST /api/v1/admin/organizations/{id}/principal", () => {
  it("makes a role deleted outside the portal again, audited with the state before", async () => {
    const { org, arn } = await organizationWithRole();
    const iam = clientsOf(sandbox(), VENDOR).iam;
    const roleName = organizationRoleName(org.id, org.slug);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: INLINE_POLICY_NAME }));
    await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
    expect((await api("adminGetOrganization", org.id, admin)).body.principal.roleState).toBe("missing");

    const refused = await api("adminRepairOrganizationPrincipal", org.id, owner);
    expect(refused.status).toBe(403);
    expect(await engine().db.auditLog.count({ where: { targetId: org.id, action: "organization.repair_principal" } })).toBe(0);

    const repaired = await api("adminRepairOrganizationPrincipal", org.id, admin);
    expect(repaired.status).toBe(200);
    expect(repaired.body.principal).toMatchObject({ arn, roleState: "ready" });
    const audit = await engine().db.auditLog.findMany({ where: { targetId: org.id, action: "organization.repair_principal" } });
    expect(audit).toEqual([
      expect.objectContaining({ actorType: "user", metadata: expect.objectContaining({ before: "missing", roleArn: arn, created: true }) }),
    ]);
  });

  it("refuses in shared mode, where no organization has a role of its own", async () => {
    const { org } = await organizationWithRole();
    const shared = {
      ...engine(),
      principals: { ...engine().principals, mode: "shared" as const, sharedPrincipalArn: `arn:aws:iam::${VENDOR.accountId}:root` },
    };
    setAppEngine(shared);
    try {
      expect((await api("adminGetOrganization", org.id, admin)).body.principal).toMatchObject({ mode: "shared", roleState: "shared" });
      const refused = await api("adminRepairOrganizationPrincipal", org.id, admin);
      expect(refused).toMatchObject({ status: 409, body: { code: "conflict", detail: expect.stringContaining("shared") } });
    } finally {
      setAppEngine(engine());
    }
  });
});

describe("GET /api/v1/admin/organizations?q= (the console's organization pickers)", () => {
  const search = async (q: string) => {
    const response = await call(HANDLERS.adminListOrganizations!, {
      method: "GET",
      path: `/api/v1/admin/organizations?q=${encodeURIComponent(q)}`,
      caller: admin,
    });
    return ((await expectDocumented("adminListOrganizations", response)) as { data: { id: string; name: string }[] }).data;
  };

  it("finds organizations by part of their name or slug, ignoring case, or by id; % is itself", async () => {
    const { org } = await createOrganization();
    await engine().db.organization.update({ where: { id: org.id }, data: { name: "Zebra 100% Logistics" } });
    expect((await search("zebra 100%")).map((o) => o.id)).toEqual([org.id]);
    expect((await search(org.slug.toUpperCase())).map((o) => o.id)).toEqual([org.id]);
    expect((await search(org.id)).map((o) => o.name)).toEqual(["Zebra 100% Logistics"]);
    expect(await search("zebra 1%0")).toEqual([]);
  });
});

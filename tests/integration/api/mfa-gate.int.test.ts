import { beforeAll, describe, expect, it } from "vitest";
import { OPERATIONS } from "@/lib/api/operations";
import { totpOf } from "@/lib/auth/mfa/codes";
import { createOrganization, withLinkEngine } from "../fixtures/app";
import { createUser, makeCaller, type Caller } from "../fixtures/callers";
import { accessCases } from "./access-cases";
import { call, HANDLERS } from "./api-helpers";

// Read when first asked (lib/env.ts), after this line: vendor admins need a second factor here, as in production.
process.env.ADMIN_MFA = "required";

/**
 * ADMIN_MFA=required, over every operation a vendor admin may call, as the operation table declares them (so a new admin
 * operation is covered without touching this file): a vendor admin signed in without a second factor is refused
 * `mfa_required` on each, until they confirm an authenticator app; an admin API key is never asked.
 */
const { engine } = withLinkEngine();
let orgA = "";
const CASES = accessCases({ db: () => engine().db, orgA: () => orgA });
const ADMIN_OPERATIONS = OPERATIONS.filter((op) => op.access.by.includes("admin") && !op.access.by.includes("anyone"));
const ACCOUNT_OPERATIONS = OPERATIONS.filter((op) => op.access.by.includes("anyone"));

async function send(operationId: string, caller: Caller) {
  const op = OPERATIONS.find((o) => o.operationId === operationId)!;
  const request = await CASES[operationId]!.request({ profile: { credential: "session", role: "admin" }, membershipId: null });
  return call(HANDLERS[operationId]!, { method: op.method, ...request, caller });
}

const expectedFor = (operationId: string) => CASES[operationId]!.admin ?? CASES[operationId]!.ok;

beforeAll(async () => {
  engine().overrides = { ...engine().overrides, probes: { enabled: true } };
  orgA = (await createOrganization({ plan: "team", approvalMode: "manual", linkQuota: 1000 })).org.id;
});

describe("ADMIN_MFA=required", () => {
  it("covers the admin operations of the table", () => {
    expect(ADMIN_OPERATIONS.length).toBeGreaterThan(20);
    expect(ADMIN_OPERATIONS.map((op) => op.operationId)).toEqual(expect.arrayContaining(["approveLink", "adminListAuditLog", "createPlan", "saveRegion"]));
  });

  describe("a vendor admin signed in without a second factor", () => {
    let admin: Caller;
    beforeAll(async () => {
      admin = { cookie: (await createUser({ isAdmin: true })).cookie };
    });

    it.each(ADMIN_OPERATIONS.map((op) => op.operationId))("is refused %s with mfa_required, saying where to set one up", async (operationId) => {
      const response = await send(operationId, admin);
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      const problem = (await response.json()) as { code: string; detail: string };
      expect(problem.code).toBe("mfa_required");
      expect(problem.detail).toContain("/mfa-setup");
    });

    it.each(ACCOUNT_OPERATIONS.filter((op) => op.method === "GET").map((op) => op.operationId))("may still read their own account: %s", async (operationId) => {
      expect((await send(operationId, admin)).status).toBe(expectedFor(operationId));
    });
  });

  describe("the same admin once their authenticator app is confirmed", () => {
    let admin: Caller;
    beforeAll(async () => {
      admin = { cookie: (await createUser({ isAdmin: true })).cookie };
      expect((await send("adminListAuditLog", admin)).status).toBe(403);
      const started = await call(HANDLERS.startTotp!, { method: "POST", path: "/api/v1/me/mfa/totp", caller: admin });
      expect(started.status).toBe(201);
      const { secret } = (await started.json()) as { secret: string };
      const code = totpOf(secret).generate();
      const confirmed = await call(HANDLERS.confirmTotp!, { method: "POST", path: "/api/v1/me/mfa/totp/confirm", body: { code }, caller: admin });
      expect(confirmed.status).toBe(200);
    });

    it.each(ADMIN_OPERATIONS.map((op) => op.operationId))("is answered %s", async (operationId) => {
      expect((await send(operationId, admin)).status).toBe(expectedFor(operationId));
    });
  });

  describe("an admin API key (made by a person, a credential of its own)", () => {
    it.each(ADMIN_OPERATIONS.filter((op) => !op.access.sessionOnly).map((op) => op.operationId))("is answered %s", async (operationId) => {
      const { caller } = await makeCaller("adminKey", orgA, orgA);
      expect((await send(operationId, caller)).status).toBe(expectedFor(operationId));
    });
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DeclaredAccess, Party } from "@/lib/api/access";
import { apiRoute } from "@/lib/api/handler";
import { defineOperation } from "@/lib/api/operation";
import { OPERATIONS } from "@/lib/api/operations";
import { createOrganization, withLinkEngine } from "../fixtures/app";
import { CALLER_PROFILES, makeCaller, type CallerKind, type CallerProfile } from "../fixtures/callers";
import { accessCases } from "./access-cases";
import { call, HANDLERS } from "./api-helpers";
import { expectDocumented } from "./openapi-check";

/**
 * Every operation x every kind of caller, the expected answer derived from the operation's declared access (lib/api/access.ts):
 * refused (401 for refused credentials, 403 otherwise) exactly when the table says so, else what the request gets (access-cases.ts).
 * Organization A owns the resources; the other organization's key must find them not found. A new operation without a case
 * fails here until it has one.
 */
const { engine } = withLinkEngine();

let orgA = "";
let orgB = "";
const CASES = accessCases({ db: () => engine().db, orgA: () => orgA });
const KINDS = Object.keys(CALLER_PROFILES) as CallerKind[];

/** The rule of lib/api/access.ts, restated from its documentation. */
function refusal(access: DeclaredAccess, profile: CallerProfile): 401 | 403 | null {
  if (profile.role === undefined) return 401;
  if (!profile.scopes?.includes(access.scope)) return 403;
  if (access.sessionOnly && profile.credential !== "session") return 403;
  const isMember = profile.role === "owner" || profile.role === "member";
  const admits: Record<Party, boolean> = {
    anyone: true,
    member: isMember,
    owner: profile.role === "owner",
    admin: profile.role === "admin",
    self: isMember && profile.credential === "session",
  };
  return access.by.some((party) => admits[party]) ? null : 403;
}

beforeAll(async () => {
  // Test now is a 409 while probes are off (the suite's default); nothing here runs the probes it queues.
  engine().overrides = { ...engine().overrides, probes: { enabled: true } };
  orgA = (await createOrganization({ plan: "team", approvalMode: "manual", linkQuota: 1000 })).org.id;
  orgB = (await createOrganization({ plan: "team", linkQuota: 1000 })).org.id;
});

describe("declared access, enforced", () => {
  it("has a request for every operation", () => {
    expect(OPERATIONS.map((op) => op.operationId).filter((id) => !(id in CASES))).toEqual([]);
  });

  for (const op of OPERATIONS) {
    it.each(KINDS)(`${op.operationId} as %s`, async (kind) => {
      const profile: CallerProfile = CALLER_PROFILES[kind];
      const made = await makeCaller(kind, orgA, orgB);
      const testCase = CASES[op.operationId]!;
      const request = await testCase.request({ profile, membershipId: made.membershipId });
      const response = await call(HANDLERS[op.operationId]!, { method: op.method, ...request, caller: made.caller });
      const refused = refusal(op.access, profile);
      const expected = refused ?? (profile.isOther ? testCase.other : profile.role === "admin" ? testCase.admin : undefined) ?? testCase.ok;
      const body = response.status === 204 ? null : await expectDocumented(op.operationId, response);
      expect({ status: response.status, body }).toMatchObject({ status: expected });
      if (expected >= 400) expect(response.headers.get("content-type")).toBe("application/problem+json");
    });
  }
});

// The same accesses on an operation whose handler checks nothing: the wrapper alone refuses whom the table refuses.
describe("the wrapper enforces the table without the verbs' own checks", () => {
  const accesses = [...new Map(OPERATIONS.map((op) => [JSON.stringify(op.access), op.access])).values()];
  for (const access of accesses) {
    it.each(KINDS)(`${JSON.stringify(access)} as %s`, async (kind) => {
      const probe = defineOperation({
        operationId: "probe",
        method: "GET",
        path: "/api/v1/probe",
        tag: "Portal",
        summary: "A probe",
        access,
        success: { status: 200, description: "Admitted.", schema: z.object({ ok: z.literal(true) }) },
      });
      const handler = apiRoute(probe, async () => ({ ok: true as const }));
      const { caller } = await makeCaller(kind, orgA, orgB);
      const response = await call(handler, { method: "GET", path: "/api/v1/probe", caller });
      expect(response.status).toBe(refusal(access, CALLER_PROFILES[kind]) ?? 200);
    });
  }
});

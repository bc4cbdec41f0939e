import { beforeAll, describe, expect, it } from "vitest";
import * as connections from "@/app/api/sandbox/connections/route";
import * as consoleRoute from "@/app/api/sandbox/console/route";
import * as services from "@/app/api/sandbox/services/route";
import * as allow from "@/app/api/sandbox/services/allow/route";
import * as remove from "@/app/api/sandbox/services/delete/route";
import { registerLink } from "@/lib/links/register-link";
import { runProvisioning } from "@/lib/links/provision-link";
import { runVerification } from "@/lib/links/verify-link";
import type { SandboxConsoleView, SandboxService } from "@/lib/sandbox-console/schemas";
import { seedDemoData } from "@/prisma/seed";
import { CUSTOMER_A } from "@privatelink-portal/sandbox-aws/testing";
import { call, type RouteModule } from "../api/api-helpers";
import { createOrganization, jobCtx, memberCtx, principalArnOf, withLinkEngine } from "../fixtures/app";
import { createUser, type Caller } from "../fixtures/callers";
import { createCustomerService } from "../fixtures/customer";

/**
 * The sandbox console through its routes, as two organizations' members call them: each acts only in
 * its organization's own sandbox account, whatever account the request names (the issue's chain:
 * read another organization's services, allowlist yourself, connect, accept on their side).
 */

const { engine, sandbox } = withLinkEngine();
const route = (module: unknown) => module as RouteModule;
const region = "us-east-1";
// What the console used to send; the account acted in is the caller's, whatever a request names.
const named = { accountId: CUSTOMER_A.accountId, region };

async function readConsole(caller: Caller, accountId = named.accountId): Promise<SandboxConsoleView> {
  const response = await call(route(consoleRoute).GET, { method: "GET", path: `/api/sandbox/console?accountId=${accountId}&region=${region}`, caller });
  expect(response.status).toBe(200);
  return (await response.json()) as SandboxConsoleView;
}

const post = (module: unknown, path: string, caller: Caller, body: unknown) => call(route(module).POST, { method: "POST", path, caller, body });

let a: { id: string; member: Caller; principal: string };
let b: { id: string; member: Caller; principal: string };
let service: SandboxService;
let endpointId: string;

beforeAll(async () => {
  const made = await Promise.all([createOrganization(), createOrganization()]);
  const players = await Promise.all(
    made.map(async ({ org }) => ({
      id: org.id,
      member: { cookie: (await createUser({ organizationId: org.id, role: "member" })).cookie },
      principal: await principalArnOf(engine(), org.id),
    })),
  );
  [a, b] = [players[0]!, players[1]!];
  // A's own service in A's sandbox account, and A's own link to it, waiting for A's acceptance.
  const created = await post(services, "/api/sandbox/services", a.member, {
    ...named,
    name: "a-orders",
    acceptanceRequired: true,
    allowOrganizationPrincipal: true,
  });
  expect(created.status).toBe(201);
  service = (await created.json()) as SandboxService;
  const link = await registerLink({ ctx: memberCtx(a.id, { engine: engine() }), input: { name: "a-orders", serviceName: service.serviceName, region } });
  await runVerification({ ctx: jobCtx(engine()), input: { linkId: link.id } });
  await runProvisioning({ ctx: jobCtx(engine()), input: { linkId: link.id } });
  endpointId = (await engine().db.link.findUniqueOrThrow({ where: { id: link.id } })).endpointId!;
  expect(endpointId).toMatch(/^vpce-/);
});

const serviceInA = async () => (await readConsole(a.member)).services.find((s) => s.serviceId === service.serviceId);

describe("the sandbox console between two organizations", () => {
  it("gives each organization a sandbox account of its own", async () => {
    const [ofA, ofB] = [await readConsole(a.member), await readConsole(b.member)];
    expect(ofA.accountId).toMatch(/^\d{12}$/);
    expect(ofB.accountId).toMatch(/^\d{12}$/);
    expect(ofB.accountId).not.toBe(ofA.accountId);
    expect(ofA.services.map((s) => s.serviceId)).toContain(service.serviceId);
    // The same account on every visit.
    expect((await readConsole(a.member)).accountId).toBe(ofA.accountId);
  });

  it("never shows B the services of A's account, even when B names that account", async () => {
    const { accountId } = await readConsole(a.member);
    const seen = await readConsole(b.member, accountId);
    expect(seen.accountId).not.toBe(accountId);
    expect(seen.services.map((s) => s.serviceId)).not.toContain(service.serviceId);
  });

  it("refuses B's allow, accept and delete on A's service, and nothing changes in A's account", async () => {
    const { accountId } = await readConsole(a.member);
    const target = { accountId, region, serviceId: service.serviceId };
    const answers = [
      await post(allow, "/api/sandbox/services/allow", b.member, { ...target, principalArn: b.principal }),
      await post(connections, "/api/sandbox/connections", b.member, { ...target, endpointId, action: "accept" }),
      await post(connections, "/api/sandbox/connections", b.member, { ...target, endpointId, action: "reject" }),
      await post(remove, "/api/sandbox/services/delete", b.member, target),
    ];
    expect(answers.map((r) => r.status)).toEqual([409, 409, 409, 409]);
    expect(await serviceInA()).toMatchObject({
      allowedPrincipals: [a.principal],
      connections: [expect.objectContaining({ endpointId, state: "pendingAcceptance" })],
    });
  });

  it("ends the old cross-organization chain refused: B cannot allowlist itself on A's service, so its link never connects", async () => {
    const made = await post(services, "/api/sandbox/services", a.member, {
      ...named,
      name: "a-billing",
      acceptanceRequired: true,
      allowOrganizationPrincipal: true,
    });
    const billing = (await made.json()) as SandboxService;
    const { accountId } = await readConsole(a.member);
    const allowed = await post(allow, "/api/sandbox/services/allow", b.member, { accountId, region, serviceId: billing.serviceId, principalArn: b.principal });
    expect(allowed.status).toBe(409);
    const link = await registerLink({ ctx: memberCtx(b.id, { engine: engine() }), input: { name: "b-billing", serviceName: billing.serviceName, region } });
    await runVerification({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    await runProvisioning({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    const stolen = await engine().db.link.findUniqueOrThrow({ where: { id: link.id } });
    expect(stolen.state).toBe("verification_failed");
    expect(stolen.endpointId).toBeNull();
    const billingInA = (await readConsole(a.member)).services.find((s) => s.serviceId === billing.serviceId);
    expect(billingInA).toMatchObject({ allowedPrincipals: [a.principal], connections: [] });
  });
});

describe("a newly signed-up organization and the demo's Acme", () => {
  it("gets an account of its own and sees none of Acme's services", async () => {
    await seedDemoData(engine().db);
    const acmeService = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [] });
    const acme = await engine().db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
    const alice = { cookie: (await createUser({ organizationId: acme.id, role: "member" })).cookie };
    const ofAcme = await readConsole(alice);
    expect(ofAcme.accountId).toBe(CUSTOMER_A.accountId);
    expect(ofAcme.services.map((s) => s.serviceId)).toContain(acmeService.serviceId);

    const { org } = await createOrganization();
    const owner = { cookie: (await createUser({ organizationId: org.id, role: "owner" })).cookie };
    const ofNew = await readConsole(owner, CUSTOMER_A.accountId);
    expect(ofNew.accountId).not.toBe(CUSTOMER_A.accountId);
    expect(ofNew.services).toEqual([]);
  });
});

import { DescribeVpcEndpointConnectionsCommand } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "@/lib/engine";
import { moveLink } from "@/lib/links/persist";
import { runProvisioning as provisionOnce } from "@/lib/links/provision-link";
import { reconcileLinks as reconcileOnce } from "@/lib/links/reconcile-links";
import { registerLink } from "@/lib/links/register-link";
import type { LinkCheck } from "@/lib/links/schemas";
import { runVerification as verifyOnce } from "@/lib/links/verify-link";
import { declareAwsAccount, verifyAwsAccount } from "@/lib/orgs/aws-accounts";
import { CUSTOMER_A, CUSTOMER_B, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganization, jobCtx, principalArnOf, proveAccount, withLinkEngine, type Organization } from "../fixtures/app";
import { createCustomerService, OUTSIDE, type CustomerService } from "../fixtures/customer";
import { asJob } from "../fixtures/jobs";

// Run as the queue runs them: again while AWS is still propagating a change (the realistic profile).
const runProvisioning = asJob(provisionOnce);
const reconcileLinks = asJob(reconcileOnce);
const runVerification = asJob(verifyOnce);

/**
 * The tenant trust boundary: organization B names a service of organization A's account. Whatever
 * A's allow list says (our whole account, everyone, or A's own role), B is refused with the
 * sentence that says why, A's link keeps working, and A's account never sees a second
 * connection request from us. The same in shared-principal mode.
 */
// EC2's create budget is not under test here: these tests create more endpoints than its burst.
const { engine, sandbox } = withLinkEngine({ budgets: { burst: 1_000, refillPerSecond: 1_000 } });
const VENDOR_ROOT = `arn:aws:iam::${VENDOR.accountId}:root`;

async function linkOf(id: string) {
  return engine().db.link.findUniqueOrThrow({ where: { id } });
}

async function verified(on: Engine, org: Organization, serviceName: string, name: string) {
  const link = await registerLink({ ctx: { ...org.ctx, engine: on }, input: { name, serviceName, region: "us-east-1" } });
  await runVerification({ ctx: jobCtx(on), input: { linkId: link.id } });
  return linkOf(link.id);
}

/** A's link all the way to available, accepted in A's account. */
async function connect(on: Engine, org: Organization, service: CustomerService, name: string) {
  const link = await verified(on, org, service.serviceName, name);
  expect(link.state, link.lastError ?? "").toBe("provisioning");
  await runProvisioning({ ctx: jobCtx(on), input: { linkId: link.id } });
  const { endpointId } = await linkOf(link.id);
  await service.accept(endpointId!);
  await reconcileLinks({ ctx: jobCtx(on) });
  expect((await linkOf(link.id)).state).toBe("available");
  return link.id;
}

async function connectionsTo(service: CustomerService) {
  const { VpcEndpointConnections } = await service.ec2.send(
    new DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: "service-id", Values: [service.serviceId] }] }),
  );
  return VpcEndpointConnections ?? [];
}

const check = (link: { checks: unknown }, name: LinkCheck["name"]) => (link.checks as LinkCheck[]).find((c) => c.name === name);

describe.each([
  { mode: "per_organization" as const, customer: CUSTOMER_A },
  { mode: "shared" as const, customer: CUSTOMER_B },
])("the trust boundary in $mode mode", ({ mode, customer }) => {
  let on: Engine;
  let a: Organization;
  let b: Organization;
  beforeAll(async () => {
    on = mode === "shared" ? { ...engine(), principals: { ...engine().principals, mode, sharedPrincipalArn: VENDOR_ROOT } } : engine();
    a = await createOrganization({ approvalMode: "automatic" });
    // B's links would wait for an admin: refused at verification, none ever reaches the queue.
    b = await createOrganization({ approvalMode: "manual" });
    expect((await proveAccount(on, sandbox(), customer, a.ctx)).proof).toBe("proved");
  });

  it.each([
    { allowlist: "our whole account", principals: () => [VENDOR_ROOT], scope: "account" },
    { allowlist: "everyone", principals: () => ["*"], scope: "public" },
  ])("refuses B a service of A's allowlisted to $allowlist, naming the account to prove", async ({ principals, scope }) => {
    const service = await createCustomerService(sandbox(), customer, { principals: principals() });
    const linkA = await connect(on, a, service, `orders-${scope}`);
    expect(await linkOf(linkA)).toMatchObject({ allowlistScope: scope, ownerProof: "proved", serviceOwnerAccountId: customer.accountId });

    // The first time, B has not even declared A's account; then it declares it and tries to prove it.
    const hasDeclared = (await on.db.awsAccount.count({ where: { organizationId: b.org.id } })) > 0;
    const refused = await verified(on, b, service.serviceName, `not-mine-${scope}`);
    expect(refused).toMatchObject({ state: "verification_failed", lastErrorCode: "owner_declared", allowlistScope: scope, endpointId: null });
    expect(refused.ownerProof).toBe(hasDeclared ? "unproved" : "undeclared");
    const bOrg = await on.db.organization.findUniqueOrThrow({ where: { id: b.org.id } });
    for (const part of [customer.accountId, "not proved", `privatelink-proof-${VENDOR.accountId}`, bOrg.ownershipExternalId])
      expect(refused.lastError).toContain(part);
    expect(check(refused, "allowlist_scope")?.status).toBe("warn");
    expect(check(refused, "exclusive_service")?.status).toBe("skipped");

    // Declaring A's account does not help B: only A's account can make the proof role for B's value.
    if (!hasDeclared) {
      const declared = await declareAwsAccount({ ctx: { ...b.ctx, engine: on }, input: { accountId: customer.accountId } });
      const attempt = await verifyAwsAccount({ ctx: { ...b.ctx, engine: on }, input: { id: declared.id } });
      expect(attempt).toMatchObject({ proof: "unproved", lastError: expect.stringContaining("AccessDenied") });
    }

    expect(await connectionsTo(service)).toHaveLength(1);
    await reconcileLinks({ ctx: jobCtx(on) });
    expect((await linkOf(linkA)).state).toBe("available");
  });

  it.runIf(mode === "per_organization")("refuses B a service allowlisted to A's own role: B's role cannot even see it", async () => {
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(on, a.org.id)] });
    const linkA = await connect(on, a, service, "billing");
    expect(await linkOf(linkA)).toMatchObject({ allowlistScope: "organization", ownerProof: "proved" });

    const refused = await verified(on, b, service.serviceName, "not-mine-either");
    expect(refused).toMatchObject({ state: "verification_failed", lastErrorCode: "InvalidServiceName" });
    expect(refused.lastError).toContain(await principalArnOf(on, b.org.id));
    expect(await connectionsTo(service)).toHaveLength(1);
  });
});

describe("one organization per service", () => {
  it("refuses B a service A holds even when A's allow list names B's role too", async () => {
    const a = await createOrganization({ approvalMode: "automatic" });
    const b = await createOrganization({ approvalMode: "automatic" });
    const service = await createCustomerService(sandbox(), CUSTOMER_A, {
      principals: [await principalArnOf(engine(), a.org.id), await principalArnOf(engine(), b.org.id)],
    });
    await connect(engine(), a, service, "shared-by-mistake");

    const refused = await verified(engine(), b, service.serviceName, "second");
    expect(refused).toMatchObject({ state: "verification_failed", lastErrorCode: "exclusive_service", allowlistScope: "organization" });
    expect(await connectionsTo(service)).toHaveLength(1);
  });

  it("is kept by the database too: a live link of another organization cannot be written", async () => {
    const a = await createOrganization({ approvalMode: "automatic" });
    const b = await createOrganization({ approvalMode: "automatic" });
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(engine(), a.org.id)] });
    await connect(engine(), a, service, "first");
    const intruder = await registerLink({ ctx: b.ctx, input: { name: "raced", serviceName: service.serviceName, region: "us-east-1" } });

    // As if B's verification had passed at the same moment as A's: the move itself is refused.
    const intruderRow = await linkOf(intruder.id);
    const move = engine().db.$transaction((tx) => moveLink(tx, intruderRow, { to: "pending_approval", reason: "race", actor: { type: "system", id: null } }));
    await expect(move).rejects.toMatchObject({ code: "service_in_use", status: 409 });
    expect((await linkOf(intruder.id)).state).toBe("verifying");
  });
});

describe("the canaries", () => {
  it("do not take the outside account's own services for open ones (an owner always sees its services)", async () => {
    const org = await createOrganization();
    const scoped = await createCustomerService(sandbox(), OUTSIDE, { principals: [await principalArnOf(engine(), org.org.id)] });
    expect((await verified(engine(), org, scoped.serviceName, "outside-scoped")).allowlistScope).toBe("organization");
    const open = await createCustomerService(sandbox(), OUTSIDE, { principals: ["*"] });
    const judged = await verified(engine(), org, open.serviceName, "outside-open");
    expect(judged.allowlistScope).toBe("account");
    expect(check(judged, "allowlist_scope")?.detail).toContain("or everyone (*)");
  });
});

import { describe, expect, it } from "vitest";
import type { AppError } from "@/lib/errors";
import { registerLink } from "@/lib/links/register-link";
import { runProvisioning } from "@/lib/links/provision-link";
import { runVerification } from "@/lib/links/verify-link";
import { allowSandboxPrincipal, answerSandboxConnection, createSandboxService, deleteSandboxService, readSandboxConsole } from "@/lib/sandbox-console/console";
import { createOrganization, jobCtx, withLinkEngine } from "../fixtures/app";

const { engine, sandbox } = withLinkEngine();
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: AppError) => `${error.status} ${error.code}`,
  );
const scope = { region: "us-east-1" };

describe("the sandbox customer console", () => {
  it("plays the customer's side of a whole link: service, allow list, request, accept, revoke", async () => {
    const { ctx, org } = await createOrganization();
    const member = { ...ctx, engine: engine() };
    const service = await createSandboxService({
      ctx: member,
      input: { ...scope, name: "orders-nlb", port: 5432, acceptanceRequired: true, allowOrganizationPrincipal: true },
    });
    const view = await readSandboxConsole({ ctx: member, input: scope });
    expect(view.organizationPrincipalArn).toMatch(/^arn:aws:iam::111111111111:role\//);
    expect(view.services.find((s) => s.serviceId === service.serviceId)).toMatchObject({
      serviceName: service.serviceName,
      acceptanceRequired: true,
      allowedPrincipals: [view.organizationPrincipalArn],
      connections: [],
    });
    await allowSandboxPrincipal({ ctx: member, input: { ...scope, serviceId: service.serviceId, principalArn: "arn:aws:iam::333333333333:role/partner" } });

    // The portal's side: register, verify and provision as the worker does.
    const link = await registerLink({ ctx: member, input: { name: "orders", serviceName: service.serviceName, region: "us-east-1" } });
    await runVerification({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    await runProvisioning({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    const { endpointId, state, lastError } = await engine().db.link.findUniqueOrThrow({ where: { id: link.id } });
    expect({ state, lastError }).toEqual({ state: "pending_acceptance", lastError: null });
    const connectionsOf = async () =>
      (await readSandboxConsole({ ctx: member, input: scope })).services.find((s) => s.serviceId === service.serviceId)!.connections;
    expect(await connectionsOf()).toEqual([expect.objectContaining({ endpointId, ownerAccountId: "111111111111", state: "pendingAcceptance" })]);

    await answerSandboxConnection({ ctx: member, input: { ...scope, serviceId: service.serviceId, endpointId: endpointId!, action: "accept" } });
    expect((await connectionsOf())[0]!.state).toMatch(/^(pending|available)$/);
    await answerSandboxConnection({ ctx: member, input: { ...scope, serviceId: service.serviceId, endpointId: endpointId!, action: "reject" } });
    expect((await connectionsOf())[0]!.state).toBe("rejected");
    // AWS's own refusal reaches the person as a sentence with its code.
    expect(
      await code(answerSandboxConnection({ ctx: member, input: { ...scope, serviceId: service.serviceId, endpointId: endpointId!, action: "accept" } })),
    ).toBe("409 conflict");
    await deleteSandboxService({ ctx: member, input: { ...scope, serviceId: service.serviceId } });
    expect((await readSandboxConsole({ ctx: member, input: scope })).services.some((s) => s.serviceId === service.serviceId)).toBe(false);
    expect(org.id).toBe(ctx.organizationId);
  });

  it("is absent (404) when the app runs against any other AWS, and refuses a region the sandbox lacks", async () => {
    const { ctx } = await createOrganization();
    const elsewhere = { ...ctx, engine: { ...engine(), aws: { endpoint: "http://127.0.0.1:9" } } };
    expect(await code(readSandboxConsole({ ctx: elsewhere, input: {} }))).toBe("404 not_found");
    const realAws = { ...ctx, engine: { ...engine(), aws: {} } };
    expect(await code(readSandboxConsole({ ctx: realAws, input: {} }))).toBe("404 not_found");
    expect(await code(readSandboxConsole({ ctx: { ...ctx, engine: engine() }, input: { region: "ap-south-1" } }))).toBe("422 validation_failed");
  });

  // Last: the reset forgets every role and service of this file's sandbox.
  it("keeps the organization's account across visits; after a sandbox reset forgot it, the next visit makes a new one", async () => {
    const { ctx, org } = await createOrganization();
    const member = { ...ctx, engine: engine() };
    const first = await readSandboxConsole({ ctx: member, input: scope });
    expect(await engine().db.sandboxAccount.findUniqueOrThrow({ where: { organizationId: org.id } })).toMatchObject({ accountId: first.accountId });
    expect((await readSandboxConsole({ ctx: member, input: scope })).accountId).toBe(first.accountId);
    sandbox().reset();
    const next = await readSandboxConsole({ ctx: member, input: scope });
    expect(next.accountId).not.toBe(first.accountId);
    expect(await engine().db.sandboxAccount.findUniqueOrThrow({ where: { organizationId: org.id } })).toMatchObject({ accountId: next.accountId });
  });
});

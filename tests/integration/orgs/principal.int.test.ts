import { describe, expect, it } from "vitest";
import { ensureOrganizationPrincipal, principalArnOf, setUpOrganizationPrincipal } from "@/lib/orgs/principal";
import { createOrganization, jobCtx, withLinkEngine } from "../fixtures/app";

/**
 * An organization's AWS principal: its ARN can be read before the role exists (the Setup page
 * shows it to a new organization), and the role is made by an explicit step, the organization's
 * setup job (or verification), with exactly that ARN.
 */
const { engine, sandbox } = withLinkEngine();

const roleArns = () => [...sandbox().state.roles.values()].map((role) => role.arn);

describe("an organization's principal", () => {
  it("is read without being made, and made by the setup job with the ARN that was read", async () => {
    const { org } = await createOrganization();
    const arn = await principalArnOf(engine(), org);
    expect(arn).toMatch(/^arn:aws:iam::111111111111:role\/privatelink\/pl-/);
    expect(roleArns()).not.toContain(arn);

    await setUpOrganizationPrincipal({ ctx: jobCtx(engine()), input: { organizationId: org.id } });
    expect(roleArns()).toContain(arn);
    const stored = await engine().db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(stored.principalArn).toBe(arn);
    expect(await principalArnOf(engine(), stored)).toBe(arn);

    const roles = roleArns().length;
    await setUpOrganizationPrincipal({ ctx: jobCtx(engine()), input: { organizationId: org.id } }); // a repeated job changes nothing
    expect(roleArns()).toHaveLength(roles);
    expect((await ensureOrganizationPrincipal(engine(), stored)).arn).toBe(arn);
  });

  it("is the shared ARN in shared-principal mode, made by nobody", async () => {
    const { org } = await createOrganization();
    const shared = {
      ...engine(),
      principals: { ...engine().principals, mode: "shared" as const, sharedPrincipalArn: "arn:aws:iam::111111111111:role/shared" },
    };
    expect(await principalArnOf(shared, org)).toBe("arn:aws:iam::111111111111:role/shared");
    const roles = roleArns().length;
    await setUpOrganizationPrincipal({ ctx: jobCtx(shared), input: { organizationId: org.id } });
    expect(roleArns()).toHaveLength(roles);
  });
});

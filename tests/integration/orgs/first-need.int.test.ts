import { beforeAll, describe, expect, it } from "vitest";
import { principalArnOf } from "@/lib/orgs/principal";
import { withLinkEngine } from "../fixtures/app";
import { createUser, type Caller } from "../fixtures/callers";
import { withWorkers } from "../fixtures/workers";
import { call, HANDLERS, MODULES } from "../api/api-helpers";
import { until } from "../until";

/**
 * Signing up makes no IAM role in the vendor account (the attack of issue 26 left 65 roles after
 * 60 sign-ups): an organization's role is made when it first needs one, its first Setup view (the
 * connectivity answer, a setup kit) or its first registration, by the worker.
 */
const { engine, sandbox } = withLinkEngine();
const workers = withWorkers({ expireInSeconds: 60 });

beforeAll(async () => {
  await workers.start(engine());
});

let counter = 0;

/** A new organization as sign-up makes it, and a member of it signed in. */
async function signedUp() {
  counter += 1;
  const email = `first-need-${counter}@example.com`;
  const response = await call(MODULES["/api/v1/sign-up"]!.POST, {
    method: "POST",
    path: "/api/v1/sign-up",
    body: { name: "Nina", email, password: "a-long-enough-pass", organizationName: `First Need ${counter}` },
    headers: { "x-forwarded-for": `198.51.100.${counter}` },
  });
  expect(response.status).toBeLessThan(300);
  const { organizationId } = await engine().db.membership.findFirstOrThrow({ where: { user: { email } } });
  const org = await engine().db.organization.findUniqueOrThrow({ where: { id: organizationId } });
  const member: Caller = { cookie: (await createUser({ organizationId, role: "member" })).cookie };
  return { org, member, arn: await principalArnOf(engine(), org) };
}

const roleArns = () => [...sandbox().state.roles.values()].map((role) => role.arn);
const jobsFor = async (organizationId: string) =>
  (await engine().db.$queryRaw<{ data: { organizationId: string } }[]>`SELECT data FROM pgboss.job WHERE name = 'organization-principal'`).filter(
    (job) => job.data.organizationId === organizationId,
  ).length;
const roleMade = (arn: string) => until(roleArns, (arns) => arns.includes(arn));

describe("an organization's IAM role", () => {
  it("is not made at sign-up, and is made at its first Setup view, with the ARN that view showed", async () => {
    const { org, member, arn } = await signedUp();
    expect(org.principalArn).toBeNull();
    expect(await jobsFor(org.id)).toBe(0);
    expect(roleArns()).not.toContain(arn);

    const response = await call(HANDLERS.getConnectivity!, { method: "GET", path: "/api/v1/connectivity", caller: member });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { principalArn: string }).principalArn).toBe(arn);
    await roleMade(arn);
    await until(
      () => engine().db.organization.findUniqueOrThrow({ where: { id: org.id } }),
      (stored) => stored.principalArn === arn,
    );

    // Later views read the stored ARN and queue nothing more.
    const jobs = await jobsFor(org.id);
    expect((await call(HANDLERS.getConnectivity!, { method: "GET", path: "/api/v1/connectivity", caller: member })).status).toBe(200);
    expect(await jobsFor(org.id)).toBe(jobs);
  });

  it("is made at the first setup kit the organization downloads", async () => {
    const { org, member, arn } = await signedUp();
    expect(await jobsFor(org.id)).toBe(0);
    const path = "/api/v1/setup-kits/cli?region=us-east-1&target=rds&ports=5432";
    const response = await call(HANDLERS.getSetupKit!, { method: "GET", path, params: { format: "cli" }, caller: member });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(arn);
    await roleMade(arn);
  });

  it("is made at the organization's first registration, by its verification", async () => {
    const { org, member, arn } = await signedUp();
    expect(await jobsFor(org.id)).toBe(0);
    await engine().db.organization.update({ where: { id: org.id }, data: { plan: "team" } }); // the free plan has no links
    const body = { name: "db", serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", region: "us-east-1" };
    const response = await call(HANDLERS.createLink!, { method: "POST", path: "/api/v1/links", body, caller: member });
    expect(response.status).toBe(201);
    await roleMade(arn);
  });
});

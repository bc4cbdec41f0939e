import { describe, expect, it } from "vitest";
import type { Engine } from "@/lib/engine";
import { isRunAgain } from "@/lib/jobs/define";
import { registerLink } from "@/lib/links/register-link";
import { runVerification } from "@/lib/links/verify-link";
import { ensureOrganizationPrincipal, principalArnOf, setUpOrganizationPrincipal } from "@/lib/orgs/principal";
import { createOrganization, jobCtx, withLinkEngine } from "../fixtures/app";
import { withWorkers } from "../fixtures/workers";
import { call, HANDLERS } from "../api/api-helpers";
import { createUser } from "../fixtures/callers";
import { until } from "../until";

/**
 * The vendor-wide cap on IAM role creations (IAM_ROLE_CREATIONS_PER_HOUR, a token bucket in
 * PostgreSQL): a creation beyond it waits, its job running again later, never failing; bringing an
 * existing role's policy up to date is not a creation. Tests set the bucket per engine: a burst of 2
 * that hardly refills, then one that refills in half a second.
 */
const { engine, sandbox } = withLinkEngine();
const workers = withWorkers({ expireInSeconds: 60 });

const withCap = (refillPerSecond: number): Engine => ({ ...engine(), overrides: { roleCreations: { burst: 2, refillPerSecond } } });
const roleArns = () => new Set([...sandbox().state.roles.values()].map((role) => role.arn));

describe("the cap on IAM role creations", () => {
  it("makes the extra organizations wait, never fail, and they converge once tokens refill", async () => {
    const capped = withCap(1 / 3600);
    const orgs = await Promise.all(Array.from({ length: 5 }, () => createOrganization()));
    const arns = await Promise.all(orgs.map(({ org }) => principalArnOf(engine(), org)));

    const outcomes = [];
    for (const { org } of orgs) outcomes.push(await setUpOrganizationPrincipal({ ctx: jobCtx(capped), input: { organizationId: org.id } }));
    expect(outcomes.slice(0, 2)).toEqual([undefined, undefined]);
    for (const outcome of outcomes.slice(2)) {
      expect(isRunAgain(outcome)).toBe(true);
      expect((outcome as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(60_000);
    }
    expect(arns.map((arn) => roleArns().has(arn))).toEqual([true, true, false, false, false]);

    // A link job of a waiting organization waits too: the link stays where it is.
    const waiting = orgs[2]!;
    const link = await registerLink({
      ctx: { ...waiting.ctx, engine: capped },
      input: { name: "db", serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", region: "us-east-1" },
    });
    expect(isRunAgain(await runVerification({ ctx: jobCtx(capped), input: { linkId: link.id } }))).toBe(true);
    expect(await engine().db.link.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ state: "verifying", lastError: null });

    // An outdated policy on an existing role is brought up to date with the bucket empty.
    const made = await engine().db.organization.update({ where: { id: orgs[0]!.org.id }, data: { principalPolicyVersion: 0 } });
    expect((await ensureOrganizationPrincipal(capped, made)).arn).toBe(arns[0]);
    expect((await engine().db.organization.findUniqueOrThrow({ where: { id: made.id } })).principalPolicyVersion).toBeGreaterThan(0);

    // Tokens refill: the waiting organizations' first Setup views queue their roles, which a worker makes.
    await workers.start(withCap(2));
    for (const { org } of orgs.slice(2)) {
      const member = { cookie: (await createUser({ organizationId: org.id })).cookie };
      expect((await call(HANDLERS.getConnectivity!, { method: "GET", path: "/api/v1/connectivity", caller: member })).status).toBe(200);
    }
    await until(roleArns, (made) => arns.every((arn) => made.has(arn)));
    const jobs = await engine().db.$queryRaw<{ state: string; retry_count: number }[]>`
      SELECT state::text, retry_count FROM pgboss.job WHERE name = 'organization-principal'`;
    expect(jobs.filter((job) => job.state === "failed" || job.retry_count > 0)).toEqual([]);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/sign-up/route";
import { engineFromEnv, setAppEngine } from "@/lib/engine";
import { withAppDatabase } from "../fixtures/database";

/**
 * Sign-up through its route, throttled per client address, per email address and for everyone
 * (README: SIGN_UP_LIMIT_ADDRESS_PER_HOUR 10, 3 per email, SIGN_UP_LIMIT_PER_HOUR 100): the
 * attack of issue 26 was 60 sign-ups from one address in 5 seconds, each one an organization.
 */
const db = withAppDatabase();
afterAll(() => setAppEngine(undefined));

let counter = 0;
const unique = () => `${++counter}-${Date.now().toString(36)}`;

function signUp({ email = `u-${unique()}@example.com`, address }: { email?: string; address: string }) {
  const body = JSON.stringify({ name: "Mallory", email, password: "a-long-enough-pass", organizationName: `Org ${unique()}` });
  const request = new Request("http://localhost/api/v1/sign-up", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body,
  });
  return POST(request, { params: Promise.resolve({}) });
}

describe("sign-up throttling", () => {
  it("admits 10 of 60 sign-ups from one address at once; the rest are 429 with Retry-After, and make nothing", async () => {
    const organizations = await db().organization.count();
    const responses = await Promise.all(Array.from({ length: 60 }, () => signUp({ address: "198.51.100.7" })));
    const refused = responses.filter((r) => r.status === 429);
    expect(responses.filter((r) => r.status < 300)).toHaveLength(10);
    expect(refused).toHaveLength(50);
    expect(await db().organization.count()).toBe(organizations + 10);

    const problem = refused[0]!;
    expect(problem.headers.get("content-type")).toBe("application/problem+json");
    const retryAfter = Number(problem.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await problem.json()).toMatchObject({ status: 429, code: "too_many_requests", instance: "/api/v1/sign-up" });
  });

  it("counts an IPv6 client by its /64, and a client's own X-Forwarded-For entries not at all", async () => {
    const sixes = await Promise.all(Array.from({ length: 12 }, (_, i) => signUp({ address: `2001:db8:5:7::${(i + 1).toString(16)}` })));
    expect(sixes.filter((r) => r.status === 429)).toHaveLength(2);
    // Written by the client, left of what our server appended: ignored (TRUSTED_PROXY_HOPS=0).
    const spoofed = await Promise.all(Array.from({ length: 12 }, (_, i) => signUp({ address: `10.9.9.${i}, 198.51.100.99` })));
    expect(spoofed.filter((r) => r.status === 429)).toHaveLength(2);
  });

  it("admits 3 sign-ups of one email address an hour, from anywhere", async () => {
    const email = `target-${unique()}@example.com`;
    const responses = [];
    for (let i = 0; i < 5; i++) responses.push(await signUp({ email, address: `203.0.113.${i + 1}` }));
    expect(responses.map((r) => r.status)).toEqual([202, 202, 202, 429, 429]);
  });

  it("admits at most SIGN_UP_LIMIT_PER_HOUR sign-ups an hour from everywhere together", async () => {
    // Every sign-up admitted so far made an organization, or was of a taken address and noted as such.
    const admitted = (await db().organization.count()) + (await db().auditLog.count({ where: { action: "user.sign_up_existing_address" } }));
    setAppEngine({ ...engineFromEnv(), overrides: { signUp: { perHour: admitted + 4 } } });
    const organizations = await db().organization.count();
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => signUp({ address: `192.0.2.${i + 1}` })));
    expect(responses.filter((r) => r.status < 300)).toHaveLength(4);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(6);
    expect(await db().organization.count()).toBe(organizations + 4);
  });
});

import { describe, expect, it } from "vitest";
import { signUpInputSchema } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/sign-up";
import { call, HANDLERS } from "../api/api-helpers";
import { anonymousCtx } from "../fixtures/app";
import type { Caller } from "../fixtures/callers";
import { withAppDatabase } from "../fixtures/database";
import { Browser } from "./browser";

// Settings' session list: sessions signed in through the real sign-in route, listed and ended one at a time over the API.
const db = withAppDatabase();
const PASSWORD = "the-first-password";
const CHROME_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
let counter = 0;

async function account() {
  counter += 1;
  const email = `listed-${counter}@example.com`;
  await signUp({
    ctx: anonymousCtx(),
    input: signUpInputSchema.parse({ name: "Lee", email, password: PASSWORD, organizationName: `Listed ${counter}` }),
    clientAddress: `198.51.100.${counter}`,
  });
  return { email, userId: (await db().user.findUniqueOrThrow({ where: { email } })).id };
}

async function signedIn(email: string, address: string, userAgent: string) {
  const browser = new Browser(address, userAgent);
  expect(await browser.signIn(email, PASSWORD)).toBeNull();
  return browser;
}

type Listed = { id: string; device: string; address: string | null; createdAt: string; lastSeenAt: string | null; current: boolean };
async function list(caller: Caller): Promise<Listed[]> {
  const response = await call(HANDLERS.listSessions!, { method: "GET", path: "/api/v1/me/sessions", caller });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: Listed[] }).data;
}
const end = (caller: Caller, id: string) => call(HANDLERS.endSession!, { method: "DELETE", path: `/api/v1/me/sessions/${id}`, params: { id }, caller });
const statusAs = async (caller: Caller) => (await call(HANDLERS.listMembers!, { method: "GET", path: "/api/v1/members", caller })).status;

describe("the session list", () => {
  it("lists the user's live sessions with device, address and times, this one marked current", async () => {
    const { email } = await account();
    const other = await account();
    const laptop = await signedIn(email, "198.51.100.31", CHROME_LINUX);
    await signedIn(email, "2001:db8::7", FIREFOX_WINDOWS);
    await signedIn(other.email, "198.51.100.33", CHROME_LINUX);

    const sessions = await list(laptop.caller);
    expect(sessions).toHaveLength(2);
    expect(sessions.map(({ device, address, current }) => ({ device, address, current })).sort((a, b) => a.device.localeCompare(b.device))).toEqual([
      { device: "Chrome on Linux", address: "198.51.100.31", current: true },
      { device: "Firefox on Windows", address: "2001:db8::7", current: false },
    ]);
    for (const session of sessions) expect(Date.parse(session.lastSeenAt!)).toBeGreaterThanOrEqual(Date.parse(session.createdAt));
  });

  it("records a request's time at most once a minute per session", async () => {
    const { email } = await account();
    const laptop = await signedIn(email, "198.51.100.41", CHROME_LINUX);
    const [{ id }] = (await list(laptop.caller)) as [Listed];
    const recent = new Date(Date.now() - 10_000);
    await db().session.update({ where: { id }, data: { lastSeenAt: recent } });
    await statusAs(laptop.caller);
    expect((await db().session.findUniqueOrThrow({ where: { id } })).lastSeenAt).toEqual(recent);
    const stale = new Date(Date.now() - 120_000);
    await db().session.update({ where: { id }, data: { lastSeenAt: stale } });
    await statusAs(laptop.caller);
    expect((await db().session.findUniqueOrThrow({ where: { id } })).lastSeenAt!.getTime()).toBeGreaterThan(recent.getTime());
  });

  it("ends one session: that browser is refused, the others stay; someone else's is not found", async () => {
    const { email, userId } = await account();
    const other = await account();
    const [laptop, phone] = [await signedIn(email, "198.51.100.51", CHROME_LINUX), await signedIn(email, "198.51.100.52", FIREFOX_WINDOWS)];
    const neighbour = await signedIn(other.email, "198.51.100.53", CHROME_LINUX);
    const phoneId = (await list(laptop.caller)).find((s) => !s.current)!.id;
    const neighbourId = (await list(neighbour.caller))[0]!.id;

    expect((await end(laptop.caller, neighbourId)).status).toBe(404);
    expect(await statusAs(neighbour.caller)).toBe(200);
    expect((await end(laptop.caller, phoneId)).status).toBe(204);
    expect([await statusAs(laptop.caller), await statusAs(phone.caller)]).toEqual([200, 401]);
    expect((await end(laptop.caller, phoneId)).status).toBe(404);
    expect(await db().auditLog.count({ where: { action: "user.session_end", actorId: userId, targetId: phoneId } })).toBe(1);

    // Ending the current one signs this browser out.
    const laptopId = (await list(laptop.caller))[0]!.id;
    expect((await end(laptop.caller, laptopId)).status).toBe(204);
    expect(await statusAs(laptop.caller)).toBe(401);
  });
});

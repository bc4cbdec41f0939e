import { beforeAll, describe, expect, it } from "vitest";
import * as deliveriesRoute from "@/app/api/v1/webhooks/[id]/deliveries/route";
import * as webhookRoute from "@/app/api/v1/webhooks/[id]/route";
import * as webhooksRoute from "@/app/api/v1/webhooks/route";
import { createOrganizationWithKey, withLinkEngine } from "../fixtures/app";
import type { Caller } from "../fixtures/callers";
import { call } from "../api/api-helpers";

/** Generated bad bodies and parameters: every answer is a 4xx problem+json, never a 5xx. Hosts are loopback or never resolved. */
const { engine } = withLinkEngine();
type Handler = Parameters<typeof call>[0];
let caller: Caller;

// A small seeded generator, so a failure is reproducible.
let seed = 20261122;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const STRINGS = [
  "",
  " ",
  "x".repeat(3000),
  "\u0000",
  "\ud800",
  "💥",
  "http://",
  "https://",
  "http://127.0.0.1:9/",
  "javascript:alert(1)",
  "file:///etc/passwd",
  "http://[::1",
  "http://127.0.0.1:99999/",
  "//127.0.0.1/x",
  "link.state_changed",
  "link.available",
  "link.*",
  "*",
];
const VALUES: unknown[] = [null, true, 0, -1, 1e308, [], {}, [[]], { a: 1 }, ...STRINGS];

function junkBody(): unknown {
  switch (Math.floor(random() * 5)) {
    case 0:
      return pick(VALUES);
    case 1:
      return { url: pick(VALUES), eventTypes: pick(VALUES) };
    case 2:
      return { url: pick(STRINGS), eventTypes: [pick(VALUES), pick(STRINGS)] };
    case 3:
      return {
        url: "http://127.0.0.1:9/ok",
        eventTypes: ["link.available"],
        [pick(["secret", "isEnabled", "id", "__proto__", "organizationId"])]: pick(VALUES),
      };
    default:
      return {
        url: "http://127.0.0.1:9/ok",
        eventTypes: Array.from({ length: 1 + Math.floor(random() * 40) }, () => pick(["link.available", "link.nope", ""])),
        description: pick(VALUES),
      };
  }
}

beforeAll(async () => {
  caller = { key: (await createOrganizationWithKey()).key };
});

describe("junk input to the webhook routes", () => {
  it("answers 300 generated bad bodies with 4xx problem+json", async () => {
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const body = junkBody();
      const raw = random() < 0.1 ? `${JSON.stringify(body)}}` : JSON.stringify(body);
      const response = await call(webhooksRoute.POST as unknown as Handler, { method: "POST", path: "/api/v1/webhooks", raw, caller });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 300) {
        expect(response.status, raw.slice(0, 200)).toBeLessThan(500);
        expect(response.headers.get("content-type")).toBe("application/problem+json");
      }
      await engine().db.webhook.deleteMany({});
    }
    expect(statuses.get(422)).toBeGreaterThan(100);
  });

  it("answers junk ids and query parameters with 4xx", async () => {
    const ids = ["x", "00000000-0000-0000-0000-000000000000", "../..", "%00", "1".repeat(500), "ffffffff-ffff-ffff-ffff-ffffffffffff"];
    const queries = ["limit=-1", "limit=abc", "limit=1000", "cursor=%00", "cursor=W10", "status=lost", "limit=1&limit=2000", "cursor=" + "A".repeat(300)];
    for (const id of ids) {
      for (const handler of [webhookRoute.GET, webhookRoute.DELETE, deliveriesRoute.GET]) {
        const response = await call(handler as unknown as Handler, {
          method: handler === webhookRoute.DELETE ? "DELETE" : "GET",
          path: `/api/v1/webhooks/${encodeURIComponent(id)}`,
          params: { id },
          caller,
        });
        expect(response.status).toBe(404);
      }
    }
    const { key } = await createOrganizationWithKey();
    const created = await call(webhooksRoute.POST as unknown as Handler, {
      method: "POST",
      path: "/api/v1/webhooks",
      body: { url: "http://127.0.0.1:9/x", eventTypes: ["link.available"] },
      caller: { key },
    });
    const { id } = (await created.json()) as { id: string };
    for (const query of queries) {
      const response = await call(deliveriesRoute.GET as unknown as Handler, {
        method: "GET",
        path: `/api/v1/webhooks/${id}/deliveries?${query}`,
        params: { id },
        caller: { key },
      });
      expect(response.status, query).toBe(422);
    }
  });
});

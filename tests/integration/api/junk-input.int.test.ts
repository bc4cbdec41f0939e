import { beforeAll, describe, expect, it } from "vitest";
import { setApiEngine } from "@/lib/api/engine";
import { createOrganization, withLinkEngine } from "../links/harness";
import { call, createKey, createUser, HANDLERS, type Caller } from "./api-helpers";
import { expectDocumented } from "./openapi-check";

/**
 * Generated junk (bodies, content types, path ids, query strings) against every route: each
 * answer is documented in the OpenAPI document, a 4xx is problem+json, and nothing is a 5xx.
 */
process.env.API_RATE_LIMIT_PER_MINUTE = "1000000";
process.env.API_RATE_LIMIT_ORG_PER_MINUTE = "1000000";

const { engine } = withLinkEngine();

function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20261122);
const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const STRINGS = [
  "",
  " ",
  "a",
  "x".repeat(101),
  "x".repeat(5000),
  "\u0000",
  "nul\u0000inside",
  "😀🔥",
  "'; DROP TABLE \"Link\"; --",
  "../../etc/passwd",
  "%00",
  "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
  "com.amazonaws.vpce.us-east-1.vpce-svc-XYZ",
  "us-east-1",
  "ap-south-1",
  "mars-north-9",
  "read",
  "admin",
  "automatic",
  "enterprise",
  "__proto__",
  "constructor",
  "\ud800",
  "<script>alert(1)</script>",
  "00000000-0000-0000-0000-000000000000",
  "-1",
  "1e309",
];
const NUMBERS = [0, -1, 1, 65535, 65536, 1.5, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 31) - 1, 10_001];

function junk(depth = 0): unknown {
  const kind = Math.floor(random() * (depth > 2 ? 4 : 6));
  switch (kind) {
    case 0:
      return pick(STRINGS);
    case 1:
      return pick(NUMBERS);
    case 2:
      return pick([true, false, null]);
    case 3:
      return pick(STRINGS).slice(0, Math.floor(random() * 10));
    case 4:
      return Array.from({ length: Math.floor(random() * 4) }, () => junk(depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = 0; i < Math.floor(random() * 4); i += 1) object[pick([...STRINGS, "name", "scopes", "reason", "plan", "ports", "region"])] = junk(depth + 1);
      return object;
    }
  }
}

const GOOD_BODIES: Record<string, () => Record<string, unknown>> = {
  createLink: () => ({ name: "fuzz", serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", region: "us-east-1", ports: [5432] }),
  denyLink: () => ({ reason: "not a customer" }),
  updateOrganization: () => ({ approvalMode: "manual", plan: "team", linkQuota: 20 }),
  createApiKey: () => ({ name: "fuzz", scopes: ["read"] }),
};

/** A body that is wrong somewhere: junk, a valid one with one field replaced or removed, or not JSON at all. */
function badBody(op: string): { raw: string; contentType: string } {
  const roll = random();
  if (roll < 0.15) return { raw: pick(["", "{", "[1,", "nope", "{\"a\":}", "\u0000", "{}garbage", "1".repeat(70_000)]), contentType: "application/json" };
  if (roll < 0.25) return { raw: JSON.stringify(GOOD_BODIES[op]!()), contentType: pick(["text/plain", "", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "json"]) };
  if (roll < 0.45) return { raw: JSON.stringify(junk()), contentType: "application/json" };
  const body = GOOD_BODIES[op]!();
  const field = pick(Object.keys(body));
  if (random() < 0.3) delete body[field];
  else body[field] = junk();
  if (op === "updateOrganization" && random() < 0.5) {
    for (const other of Object.keys(body)) if (other !== field) delete body[other];
  }
  return { raw: JSON.stringify(body), contentType: pick(["application/json", "application/json; charset=utf-8", "application/problem+json"]) };
}

function junkId(): string {
  return pick([
    "nope",
    "00000000-0000-0000-0000-000000000000",
    crypto.randomUUID(),
    crypto.randomUUID().toUpperCase(),
    "%00",
    "../admin",
    "1",
    "x".repeat(300),
    "😀",
    `${crypto.randomUUID()}'`,
    "' OR 1=1 --",
  ]);
}

const CURSOR_PAYLOADS = [
    '["2020-01-01T00:00:00.000Z","nope"]',
    '["-271821-04-20T00:00:00.000Z","00000000-0000-0000-0000-000000000000"]',
    '["+275760-09-13T00:00:00.000Z","00000000-0000-0000-0000-000000000000"]',
    '["0000-01-01T00:00:00.000Z","00000000-0000-0000-0000-000000000000"]',
    "[1,2]",
    "null",
    "5",
    "{}",
    '[{"a":1},"x"]',
    "not json",
];

function junkCursor(): string {
  const payload = pick(CURSOR_PAYLOADS);
  return pick([Buffer.from(payload).toString("base64url"), pick(STRINGS), "%%%", "=".repeat(20)]);
}

function junkQuery(op: string): string {
  const params = new URLSearchParams();
  const names = op === "adminListOrganizations" ? ["limit", "cursor"] : ["limit", "cursor", "state", "region", ...(op === "adminListLinks" ? ["organizationId"] : [])];
  for (const name of names) {
    if (random() < 0.5) continue;
    params.set(name, name === "cursor" ? junkCursor() : String(pick([...STRINGS, ...NUMBERS.map(String), "available", "0", "101", "abc", "1.5", " 5 "])));
  }
  params.set(pick(names), name_junk());
  return params.toString();
}
const name_junk = () => String(pick([...STRINGS, "-5", "0", "1000", "verifying!", "eu-west-1 "]));

let owner: Caller;
let customer: Caller;
let admin: Caller;
let organizationId = "";
let linkId = "";

beforeAll(async () => {
  setApiEngine(engine());
  const { org } = await createOrganization({ linkQuota: 10_000 });
  organizationId = org.id;
  const db = engine().db;
  customer = { key: (await createKey(db, { organizationId })).key };
  owner = { cookie: (await createUser(db, { organizationId, role: "owner" })).cookie };
  admin = { key: (await createKey(db, { organizationId: null, isAdmin: true })).key };
  const link = await db.link.create({
    data: { organizationId, name: "fuzz", serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0000000000000fuzz".replace("fuzz", "0000"), serviceRegion: "us-east-1", region: "us-east-1", ports: [5432], state: "pending_approval" },
  });
  linkId = link.id;
});

type Outcome = { op: string; status: number };
const outcomes: Outcome[] = [];

async function send(op: string, method: string, path: string, caller: Caller, extra: { params?: Record<string, string>; raw?: string; contentType?: string } = {}) {
  const response = await call(HANDLERS[op]!, { method, path, caller, ...extra });
  const description = `${method} ${path} ${extra.contentType ?? ""} ${(extra.raw ?? "").slice(0, 200)}`;
  expect(response.status, description).toBeLessThan(500);
  if (response.status >= 400) expect(response.headers.get("content-type"), description).toBe("application/problem+json");
  await expectDocumented(op, response);
  outcomes.push({ op, status: response.status });
}

const BODY_OPS = [
  { op: "createLink", method: "POST", path: () => "/api/v1/links", caller: () => customer },
  { op: "denyLink", method: "POST", path: () => `/api/v1/admin/links/${linkId}/deny`, params: () => ({ id: linkId }), caller: () => admin },
  { op: "updateOrganization", method: "PATCH", path: () => `/api/v1/admin/organizations/${organizationId}`, params: () => ({ id: organizationId }), caller: () => admin },
  { op: "createApiKey", method: "POST", path: () => "/api/v1/api-keys", caller: () => owner },
];

const ID_OPS = [
  { op: "getLink", method: "GET", path: "/api/v1/links/:id", caller: () => customer },
  { op: "deleteLink", method: "DELETE", path: "/api/v1/links/:id", caller: () => customer },
  { op: "verifyLink", method: "POST", path: "/api/v1/links/:id/verify", caller: () => customer },
  { op: "listLinkEvents", method: "GET", path: "/api/v1/links/:id/events", caller: () => customer },
  { op: "approveLink", method: "POST", path: "/api/v1/admin/links/:id/approve", caller: () => admin },
  { op: "retryLink", method: "POST", path: "/api/v1/admin/links/:id/retry", caller: () => admin },
  { op: "revokeApiKey", method: "DELETE", path: "/api/v1/api-keys/:id", caller: () => owner },
];

const QUERY_OPS = [
  { op: "listLinks", path: "/api/v1/links", caller: () => customer },
  { op: "adminListLinks", path: "/api/v1/admin/links", caller: () => admin },
  { op: "adminListOrganizations", path: "/api/v1/admin/organizations", caller: () => admin },
];

describe("junk input", () => {
  it("answers 600 generated bad bodies with 4xx problem+json", async () => {
    for (let i = 0; i < 600; i += 1) {
      const target = BODY_OPS[i % BODY_OPS.length]!;
      const { raw, contentType } = badBody(target.op);
      await send(target.op, target.method, target.path(), target.caller(), { params: target.params?.(), raw, contentType });
    }
  });

  it("answers 300 junk path ids with 4xx problem+json", async () => {
    for (let i = 0; i < 300; i += 1) {
      const target = ID_OPS[i % ID_OPS.length]!;
      const id = junkId();
      await send(target.op, target.method, target.path.replace(":id", encodeURIComponent(id)), target.caller(), { params: { id } });
    }
  });

  it("answers 300 junk query strings without a 5xx", async () => {
    for (let i = 0; i < 300; i += 1) {
      const target = QUERY_OPS[i % QUERY_OPS.length]!;
      await send(target.op, "GET", `${target.path}?${junkQuery(target.op)}`, target.caller());
    }
  });

  it("answers every forged cursor with 4xx", async () => {
    for (const payload of CURSOR_PAYLOADS) {
      const cursor = Buffer.from(payload).toString("base64url");
      await send("listLinks", "GET", `/api/v1/links?cursor=${cursor}`, customer);
      await send("adminListOrganizations", "GET", `/api/v1/admin/organizations?cursor=${cursor}`, admin);
    }
  });

  it("refused at least 300 of them with a 4xx, and nothing with a 5xx", () => {
    expect(outcomes.length).toBe(1200 + CURSOR_PAYLOADS.length * 2);
    expect(outcomes.filter((o) => o.status >= 400 && o.status < 500).length).toBeGreaterThanOrEqual(300);
    expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
  });

  it("stops reading a streamed body over 64 KiB with 413, declared or not", async () => {
    const chunk = new TextEncoder().encode(`"${"x".repeat(16 * 1024)}",`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 1000) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await HANDLERS.createLink!(
      new Request("http://localhost/api/v1/links", { method: "POST", headers: { authorization: `Bearer ${customer.key}`, "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit),
      { params: Promise.resolve({}) },
    );
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(10); // it stopped reading, far short of 16 MiB
    const declared = await call(HANDLERS.createLink!, { method: "POST", path: "/api/v1/links", raw: "{}", caller: customer, headers: { "content-length": "999999999" } });
    expect(declared.status).toBe(413);
  });
});

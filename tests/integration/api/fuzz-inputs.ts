/**
 * Generators for the API fuzz test: junk values, bodies, ids, cursors, query strings and headers,
 * from a seeded PRNG so a failure can be replayed (FUZZ_SEED).
 */

export type Random = {
  next: () => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
  int: (below: number) => number;
};

export function seeded(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: (items) => items[Math.floor(next() * items.length)]!, chance: (p) => next() < p, int: (below) => Math.floor(next() * below) };
}

export const STRINGS = [
  "",
  " ",
  "a",
  "x".repeat(101),
  "x".repeat(5000),
  "\u0000",
  "nul\u0000inside",
  "😀🔥",
  '\'; DROP TABLE "Link"; --',
  "../../etc/passwd",
  "%00",
  "%ZZ",
  "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
  "com.amazonaws.vpce.us-east-1.vpce-svc-XYZ",
  "us-east-1",
  "mars-north-9",
  "read",
  "write",
  "admin",
  "automatic",
  "enterprise",
  "link.state_changed",
  "https://hooks.example.com/in",
  "http://127.0.0.1:9/hook",
  "http://169.254.169.254/latest/meta-data",
  "__proto__",
  "constructor",
  "\ud800",
  "<script>alert(1)</script>",
  "00000000-0000-0000-0000-000000000000",
  "-1",
  "1e309",
];
export const NUMBERS = [0, -1, 1, 65535, 65536, 1.5, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 31) - 1, 10_001];

export function junk(random: Random, depth = 0): unknown {
  switch (random.int(depth > 2 ? 4 : 6)) {
    case 0:
      return random.pick(STRINGS);
    case 1:
      return random.pick(NUMBERS);
    case 2:
      return random.pick([true, false, null]);
    case 3:
      return random.pick(STRINGS).slice(0, random.int(10));
    case 4:
      return Array.from({ length: random.int(4) }, () => junk(random, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = 0; i < random.int(4); i += 1)
        object[random.pick([...STRINGS, "name", "scopes", "reason", "plan", "ports", "region", "url", "eventTypes"])] = junk(random, depth + 1);
      return object;
    }
  }
}

/** A valid body for each operation that takes one. */
export const GOOD_BODIES: Record<string, () => Record<string, unknown>> = {
  createLink: () => ({ name: "fuzz", serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", region: "us-east-1", ports: [5432] }),
  denyLink: () => ({ reason: "not a customer" }),
  updateOrganization: () => ({ approvalMode: "manual", plan: "team", linkQuota: 10_000 }),
  createPlan: () => ({
    key: `fuzz-${Math.floor(Math.random() * 1e9)}`,
    name: "Fuzz",
    privateLinks: true,
    crossRegion: true,
    resourceEndpoints: false,
    linkQuota: 10,
  }),
  updatePlan: () => ({ privateLinks: true, linkQuota: 10_000 }),
  createApiKey: () => ({ name: "fuzz", scopes: ["read"] }),
  createWebhook: () => ({ url: "https://hooks.example.com/in", eventTypes: ["link.state_changed"] }),
  declareAwsAccount: () => ({ accountId: String(100_000_000_000 + Math.floor(Math.random() * 899_999_999_999)) }),
};

/** A body for `operationId`: valid, valid with one field broken or dropped, junk, or not JSON at all. */
export function bodyFor(random: Random, operationId: string): { raw: string; contentType: string } | undefined {
  const good = GOOD_BODIES[operationId];
  const roll = random.next();
  if (roll < 0.1) return { raw: random.pick(["", "{", "[1,", "nope", '{"a":}', "\u0000", "{}garbage", "1".repeat(70_000)]), contentType: "application/json" };
  if (roll < 0.18 && good)
    return {
      raw: JSON.stringify(good()),
      contentType: random.pick(["text/plain", "", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "json"]),
    };
  if (roll < 0.35 || !good) return roll < 0.45 ? { raw: JSON.stringify(junk(random)), contentType: "application/json" } : undefined;
  const body = good();
  if (roll < 0.6) {
    const field = random.pick(Object.keys(body));
    if (random.chance(0.3)) delete body[field];
    else body[field] = junk(random);
  }
  return { raw: JSON.stringify(body), contentType: random.pick(["application/json", "application/json; charset=utf-8", "application/problem+json"]) };
}

export function junkId(random: Random): string {
  return random.pick([
    "nope",
    "00000000-0000-0000-0000-000000000000",
    crypto.randomUUID(),
    crypto.randomUUID().toUpperCase(),
    "%ZZ",
    "%00",
    "../admin",
    "1",
    "x".repeat(300),
    "😀",
    `${crypto.randomUUID()}'`,
    "' OR 1=1 --",
    "9223372036854775808",
  ]);
}

const CURSOR_PAYLOADS = [
  '["2020-01-01T00:00:00.000Z","nope"]',
  '["2020-01-01T00:00:00.000Z","99999999999999999999"]',
  '["-271821-04-20T00:00:00.000Z","00000000-0000-0000-0000-000000000000"]',
  '["+275760-09-13T00:00:00.000Z","00000000-0000-0000-0000-000000000000"]',
  '["0000-01-01T00:00:00.000Z","00000000-0000-0000-0000-000000000000"]',
  '["2020-01-01T00:00:00.000Z","1"]',
  "[1,2]",
  "null",
  "5",
  "{}",
  '[{"a":1},"x"]',
  "not json",
];

/** A cursor: one another list gave out, a forged one, or garbage. */
export function cursorFor(random: Random, harvested: readonly string[]): string {
  if (harvested.length > 0 && random.chance(0.3)) return random.pick(harvested);
  return random.pick([Buffer.from(random.pick(CURSOR_PAYLOADS)).toString("base64url"), random.pick(STRINGS), "%%%", "=".repeat(20)]);
}

export function queryFor(random: Random, names: readonly string[], harvested: readonly string[]): string {
  const params = new URLSearchParams();
  for (const name of [...names, "unknown"]) {
    if (random.chance(0.5)) continue;
    params.set(
      name,
      name === "cursor"
        ? cursorFor(random, harvested)
        : String(random.pick([...STRINGS, ...NUMBERS.map(String), "available", "0", "101", "1.5", " 5 ", "pending", "eu-west-1 "])),
    );
  }
  if (random.chance(0.1)) params.append("limit", "2");
  return params.toString();
}

/** Header values a client may send (Latin-1 only: HTTP carries nothing else). */
const HEADER_VALUES = ["", " ", "x", "x".repeat(300), "%ZZ", "null", "Bearer", "\u00e9t\u00e9", "a, b", "0", "-1", "999999999999999999999", "application/json"];

/** Extra headers: Idempotency-Key, X-Organization, X-Request-Id, a cross-site Origin, a huge declared length... */
export function headersFor(random: Random): Record<string, string> {
  const headers: Record<string, string> = {};
  if (random.chance(0.15)) headers["idempotency-key"] = random.pick([crypto.randomUUID(), "same-key", ...HEADER_VALUES.filter(Boolean)]);
  if (random.chance(0.1)) headers["x-organization"] = random.pick(["nope", crypto.randomUUID(), ...HEADER_VALUES]);
  if (random.chance(0.1)) headers["x-request-id"] = random.pick(HEADER_VALUES);
  if (random.chance(0.05)) headers.origin = random.pick(["https://evil.example", "null", "http://localhost"]);
  if (random.chance(0.05)) headers["sec-fetch-site"] = random.pick(["cross-site", "same-origin", "none"]);
  if (random.chance(0.03)) headers["content-length"] = random.pick(["999999999", "65537", "0"]);
  if (random.chance(0.05)) headers.cookie = random.pick(["next-auth.session-token=garbage", "next-auth.session-token=%ZZ", "a=b"]);
  return headers;
}

/** An Authorization header that is not a valid key. */
export function badAuthorization(random: Random): string {
  return random.pick([
    "Bearer",
    "Bearer ",
    "Basic dXNlcjpwYXNz",
    "Bearer plk_",
    "Bearer plk_abc_def",
    "Bearer plk_0000000000_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "bearer  plk_x",
    "x".repeat(500),
  ]);
}

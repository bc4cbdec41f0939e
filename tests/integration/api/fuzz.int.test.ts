import { beforeAll, describe, expect, it } from "vitest";
import type { AnyOperation } from "@/lib/api/operation";
import { OPERATIONS } from "@/lib/api/operations";
import { problemSchema } from "@/lib/api/problem";
import { METHOD_HEADER } from "@/lib/api/methods";
import { createOrganization, withLinkEngine } from "../fixtures/app";
import { callersOf, createKey, type Caller, type CallerName } from "../fixtures/callers";
import { call, MODULES, UNKNOWN_PATH, type Call, type RouteModule } from "./api-helpers";
import { badAuthorization, bodyFor, headersFor, junk, junkId, queryFor, seeded, STRINGS } from "./fuzz-inputs";
import { expectDocumented } from "./openapi-check";

/**
 * The attack on the API as a test: at least 10,000 generated requests over every operation of the
 * OpenAPI document (and sign-up, and paths and methods that are none), called in-process as Next
 * calls the route handlers. Bodies, path ids, cursors (forged, and real ones from other lists),
 * query strings, headers, methods and callers are generated; every answer must be below 500,
 * every 4xx problem+json, every 405 carry Allow, and every answer to an operation must be one the
 * document lists, with a body that matches it. Replay a failure with FUZZ_SEED=<seed>.
 *
 * Requests go out in batches and each batch is awaited: nothing here races a clock.
 */
process.env.API_RATE_LIMIT_PER_MINUTE = "100000000";
process.env.API_RATE_LIMIT_ORG_PER_MINUTE = "100000000";

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const TOTAL = 10_000;
const BATCHES = 5;
const CONCURRENCY = 8;
const random = seeded(SEED);
const ROUTED = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;

const { engine } = withLinkEngine();

let callers: Record<CallerName, Caller>;
/** Ids that exist, per path template (grown by what the fuzz creates), and cursors lists gave out. */
const ids: Record<string, string[]> = {};
const cursors: string[] = [];
const outcomes: { target: string; status: number }[] = [];

beforeAll(async () => {
  const db = engine().db;
  const { org } = await createOrganization({ linkQuota: 10_000, plan: "enterprise" });
  const other = await createOrganization();
  callers = await callersOf(org.id, other.org.id);
  const links = await Promise.all(
    (["pending_approval", "failed", "verification_failed", "available"] as const).map((state, i) =>
      db.link.create({
        data: {
          organizationId: org.id,
          name: `fuzz-${state}`,
          serviceName: `com.amazonaws.vpce.us-east-1.vpce-svc-${String(i).padStart(17, "0")}`,
          serviceRegion: "us-east-1",
          region: "us-east-1",
          ports: [5432],
          state,
        },
      }),
    ),
  );
  // Keys the fuzz may revoke: never the ones it calls with.
  const victims = await Promise.all([
    createKey({ organizationId: org.id, name: "victim" }),
    createKey({ organizationId: null, isAdmin: true, name: "victim" }),
  ]);
  const linkIds = links.map((l) => l.id);
  Object.assign(ids, {
    "/api/v1/links/{id}": linkIds,
    "/api/v1/links/{id}/verify": linkIds,
    "/api/v1/links/{id}/events": linkIds,
    "/api/v1/admin/links/{id}/approve": linkIds,
    "/api/v1/admin/links/{id}/deny": linkIds,
    "/api/v1/admin/links/{id}/retry": linkIds,
    "/api/v1/admin/organizations/{id}": [org.id, other.org.id],
    "/api/v1/admin/plans/{plan}": ["team", "enterprise"],
    "/api/v1/api-keys/{id}": victims.map((v) => v.id),
    "/api/v1/webhooks/{id}": [],
    "/api/v1/webhooks/{id}/deliveries": [],
    "/api/v1/aws-accounts/{id}": [],
    "/api/v1/aws-accounts/{id}/verify": [],
    "/api/v1/setup-kits/{format}": ["cloudformation", "terraform", "cli"],
  });
});

const ADMIN_CALLERS: CallerName[] = ["adminKey", "admin"];
const ORG_CALLERS: CallerName[] = ["writeKey", "readOnly", "owner", "member"];
const ALL_CALLERS: CallerName[] = ["writeKey", "readOnly", "other", "adminKey", "owner", "member", "admin", "none"];

function callerFor(op: AnyOperation | undefined): Caller {
  const by: readonly string[] = op?.access.by ?? ["member"];
  const preferred = by.every((party) => party === "admin")
    ? ADMIN_CALLERS
    : op?.access.sessionOnly
      ? (["owner", "admin"] as CallerName[])
      : by.includes("owner")
        ? (["owner", "writeKey"] as CallerName[])
        : ORG_CALLERS;
  const caller = callers[random.chance(0.75) ? random.pick(preferred) : random.pick(ALL_CALLERS)];
  return random.chance(0.04) ? { headers: { authorization: badAuthorization(random) } } : caller;
}

function idFor(template: string): string {
  const known = ids[template] ?? [];
  return known.length > 0 && random.chance(0.6) ? random.pick(known) : junkId(random);
}

/** What the answer must look like, beyond "below 500, problem+json when 4xx". */
type Expect = { operationId?: string; status?: number; allow?: boolean };
type Planned = Call & { handler: RouteModule[keyof RouteModule]; target: string; expect: Expect };

function plan(): Planned {
  const roll = random.next();
  if (roll < 0.04) {
    const segments = Array.from({ length: 1 + random.int(3) }, () => random.pick(["nope", "links", "x".repeat(50), "%ZZ", crypto.randomUUID(), "..", "v2"]));
    const method = random.pick(ROUTED);
    return {
      handler: UNKNOWN_PATH[method],
      target: "unknown path",
      method,
      path: `/api/v1/${segments.join("/")}`,
      params: { path: segments } as never,
      caller: callerFor(undefined),
      expect: { status: 404 },
    };
  }
  const template = random.chance(0.03) ? "/api/v1/sign-up" : random.pick(OPERATIONS).path;
  const routeModule = MODULES[template]!;
  const ops = OPERATIONS.filter((op) => op.path === template);
  const allowed = ops.map((op) => op.method as string);
  const param = /\{(\w+)\}/.exec(template)?.[1];
  const id = param ? idFor(template) : undefined;
  const path = param && id !== undefined ? template.replace(`{${param}}`, encodeURIComponent(id)) : template;
  const params: Record<string, string> = param && id !== undefined ? { [param]: id } : {};
  if (roll < 0.1) {
    const method = random.pick(
      ROUTED.filter(
        (m) => !allowed.includes(m) && m !== "OPTIONS" && !(m === "HEAD" && allowed.includes("GET")) && !(template.endsWith("sign-up") && m === "POST"),
      ),
    );
    if (method)
      return {
        handler: routeModule[method],
        target: `${method} ${template}`,
        method,
        path,
        params,
        caller: callerFor(ops[0]),
        expect: { status: 405, allow: true },
      };
  }
  if (roll < 0.14) {
    const unrouted = random.chance(0.7) ? random.pick(["TRACE", "TRACK", "PROPFIND", "MKCOL", "LOCK", "QUERY"]) : undefined;
    return {
      handler: routeModule.OPTIONS,
      target: `${unrouted ?? "OPTIONS"} ${template}`,
      method: "OPTIONS",
      path,
      params,
      headers: unrouted ? { [METHOD_HEADER]: unrouted } : {},
      expect: unrouted ? { status: 405, allow: true } : { status: 204, allow: true },
    };
  }
  if (template.endsWith("sign-up")) {
    const body = bodyFor(random, "createApiKey") ?? { raw: JSON.stringify(junk(random)), contentType: "application/json" };
    return { handler: routeModule.POST, target: "POST /api/v1/sign-up", method: "POST", path, ...body, headers: headersFor(random), expect: {} };
  }
  const op = random.pick(ops);
  const method = op.method === "GET" && random.chance(0.05) ? "HEAD" : op.method;
  const query = op.query ? queryFor(random, Object.keys(op.query.shape), cursors) : random.chance(0.1) ? `${random.pick(STRINGS)}=1` : "";
  const body = op.method === "POST" || op.method === "PATCH" ? bodyFor(random, op.operationId) : undefined;
  return {
    handler: routeModule[method],
    target: op.operationId,
    method,
    path: query ? `${path}?${query}` : path,
    params,
    ...body,
    caller: callerFor(op),
    headers: headersFor(random),
    expect: { operationId: method === "HEAD" ? undefined : op.operationId },
  };
}

/** Remembers what the answer created or gave out, for later requests to use. */
function harvest(planned: Planned, body: unknown) {
  if (!body || typeof body !== "object") return;
  const record = body as { id?: string; nextCursor?: string | null };
  if (record.nextCursor) cursors.push(record.nextCursor);
  if (planned.method !== "POST" || !record.id) return;
  if (planned.target === "createLink") for (const template of Object.keys(ids).filter((t) => t.includes("links/{id}"))) ids[template]!.push(record.id);
  const created = { createWebhook: "webhooks/{id}", declareAwsAccount: "aws-accounts/{id}" }[planned.target];
  if (created) for (const template of Object.keys(ids).filter((t) => t.includes(created))) ids[template]!.push(record.id);
}

async function send(planned: Planned): Promise<void> {
  const { handler, target, expect: expected, ...request } = planned;
  const response = await call(handler, request);
  const description = `seed ${SEED}: ${request.method} ${request.path} as ${JSON.stringify(request.caller ?? {}).slice(0, 80)} headers ${JSON.stringify(request.headers ?? {})} body ${(request.raw ?? "").slice(0, 200)}`;
  outcomes.push({ target, status: response.status });
  expect(response.status, description).toBeLessThan(500);
  if (expected.status !== undefined) expect(response.status, description).toBe(expected.status);
  if (expected.allow) expect(response.headers.get("allow"), description).toMatch(/OPTIONS/);
  if (response.status >= 400) {
    expect(response.headers.get("content-type"), description).toBe("application/problem+json");
    const problem = problemSchema.parse(await response.clone().json());
    expect(problem.status, description).toBe(response.status);
  }
  if (expected.operationId && response.status !== 204) {
    const body = await expectDocumented(expected.operationId, response).catch((error: Error) => expect.fail(`${description}\n${error.message}`));
    if (response.ok) harvest(planned, body);
  }
}

describe(`API fuzz (${TOTAL} requests, seed ${SEED})`, () => {
  for (let batch = 0; batch < BATCHES; batch += 1) {
    it(`answers requests ${batch * (TOTAL / BATCHES) + 1} to ${(batch + 1) * (TOTAL / BATCHES)} without a 5xx, problem+json on every 4xx, as documented`, async () => {
      for (let sent = 0; sent < TOTAL / BATCHES; sent += CONCURRENCY) {
        await Promise.all(Array.from({ length: CONCURRENCY }, () => send(plan())));
      }
    }, 600_000);
  }

  it("reached every operation, mostly refused, and some succeeded", () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(TOTAL);
    // About 0.83 of the requests go to operations, evenly: each expects 0.83 * TOTAL / OPERATIONS.length; half of that is far
    // below any chance shortfall, however many operations there are.
    const floor = Math.floor((0.83 * TOTAL) / OPERATIONS.length / 2);
    for (const op of OPERATIONS) expect(outcomes.filter((o) => o.target === op.operationId).length, op.operationId).toBeGreaterThanOrEqual(floor);
    expect(outcomes.filter((o) => o.status >= 400).length).toBeGreaterThan(TOTAL / 2);
    expect(outcomes.filter((o) => o.status < 300).length).toBeGreaterThan(TOTAL / 20);
    expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
  });
});

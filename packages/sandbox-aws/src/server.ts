import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleAdmin } from "./admin";
import { authenticate, readScope } from "./auth";
import { authorizeAction, authorizeEc2 } from "./authz/authorize";
import { Consistency, type ConsistencyBounds, type Profile } from "./consistency";
import { DataPlane, DEFAULT_DATA_PLANE_PORTS, type DataPlaneOptions } from "./data-plane/data-plane";
import { ec2Handlers } from "./ec2/handlers";
import { publishTxt } from "./ec2/private-dns";
import { elbv2Handlers } from "./elbv2/handlers";
import { advanceLifecycle } from "./ec2/lifecycle";
import { AwsError, throttled, type AwsService, type JsonService } from "./errors";
import { type Fault, type FaultInput, faultSchema } from "./faults";
import { allowedHostNames, refusal } from "./guard";
import { iamHandlers } from "./iam";
import { invalid as latticeInvalid, latticeRoutes } from "./lattice/handlers";
import { invalid as ramInvalid, ramRoutes } from "./ram/handlers";
import type { ParsedAuthorization } from "./sigv4";
import { compileRoutes, jsonError, matchRoute, type Invalid } from "./wire/json";
import { addInstance, type InstanceInput } from "./instances";
import { DEFAULT_DELAYS, Runtime, type Delays, type Handler } from "./runtime";
import { findRegion } from "./seed";
import { readStateFile, requestId, writeStateFile, type Instance, type SandboxState } from "./state";
import { stsHandlers } from "./sts";
import type { ThrottlingOptions } from "./throttling";
import { Params } from "./wire/params";
import { errorDocument, successDocument } from "./wire/xml";

export interface SandboxOptions {
  /** 0 picks a free port (what tests want). */
  port?: number;
  /** Loopback by default: the sandbox hands out credentials to anyone who asks. Requests must name it by a loopback name or this. */
  host?: string;
  delays?: Partial<Delays>;
  throttling?: Partial<ThrottlingOptions>;
  /** Keep state in this JSON file across restarts. */
  stateFile?: string;
  /** The resolver and connections through endpoints (README "Data plane"); on by default, DNS on a free port. */
  dataPlane?: DataPlaneOptions;
  /** `exact` (the default: every change seen at once) or `realistic` (AWS's eventual consistency; docs/SANDBOX.md). */
  profile?: Profile;
  /** Seeds the realistic profile's delays; random when left out (GET /_sandbox/profile tells it). */
  seed?: number;
  /** The realistic profile's bounds, kind by kind (REALISTIC_BOUNDS when left out). */
  consistencyBounds?: Partial<ConsistencyBounds>;
}

export interface Sandbox {
  url: string;
  port: number;
  state: SandboxState;
  runtime: Runtime;
  /** The data plane's resolver (UDP); null when the data plane is off. */
  dns: { host: string; port: number } | null;
  /** The data plane itself (its table, its health events); null when it is off. */
  dataPlane: DataPlane | null;
  reset(): void;
  addFaults(faults: FaultInput[]): void;
  advanceClock(ms: number): void;
  /** Publishes (or, with no values, removes) a TXT record in the sandbox's public DNS, as `PUT /_sandbox/public-dns/txt` does. */
  publishTxt(name: string, values: string[]): void;
  /** Adds an instance in the account's subnet standing for a loopback server, as `POST /_sandbox/instances` does. */
  addInstance(input: InstanceInput): Instance;
  close(): Promise<void>;
}

const VERSIONS: Record<AwsService, string> = { ec2: "2016-11-15", sts: "2011-06-15", iam: "2010-05-08", elasticloadbalancing: "2015-12-01" };
const HANDLERS: Record<AwsService, Record<string, Handler>> = { ec2: ec2Handlers, sts: stsHandlers, iam: iamHandlers, elasticloadbalancing: elbv2Handlers };
const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Everything but reads changes state (or may: AssumeRole records a session). */
const READ_ONLY = /^(Describe|Get|List)/;

function isService(name: string): name is AwsService {
  return Object.hasOwn(VERSIONS, name);
}

function serviceForVersion(version: string | undefined): AwsService {
  const found = (Object.keys(VERSIONS) as AwsService[]).find((service) => VERSIONS[service] === version);
  return found ?? "ec2";
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () =>
      size > MAX_BODY_BYTES ? reject(new AwsError("RequestEntityTooLarge", "Request body too large", 413)) : resolve(Buffer.concat(chunks)),
    );
    request.on("error", reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Answer {
  service: AwsService;
  action: string;
  xml: string;
  status: number;
  requestId: string;
}

async function handleAws(runtime: Runtime, request: IncomingMessage, rawPath: string, rawQuery: string, body: Buffer): Promise<Answer> {
  const id = requestId();
  const signed = { method: request.method ?? "GET", rawPath, rawQuery, headers: request.headers, body };
  const values = new Map<string, string>(new URLSearchParams(rawQuery));
  let service: AwsService = serviceForVersion(values.get("Version"));
  try {
    const contentType = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (request.method === "POST" && body.length > 0 && contentType !== "application/x-www-form-urlencoded") {
      throw new AwsError(
        "InvalidQueryParameter",
        `Unsupported content type '${contentType || "(none)"}': the Query API takes application/x-www-form-urlencoded`,
      );
    }
    if (request.method !== "POST" && request.method !== "GET") {
      throw new AwsError("InvalidQueryParameter", `Unsupported HTTP method ${request.method ?? ""}`, 405);
    }
    for (const [key, value] of new URLSearchParams(body.toString("utf8"))) values.set(key, value);
    service = serviceForVersion(values.get("Version"));
    const scope = readScope(signed);
    if (scope) {
      if (!isService(scope.service))
        throw new AwsError(
          "InvalidAction",
          `The sandbox does not emulate the '${scope.service}' service (only ec2, elasticloadbalancing, sts, iam, vpc-lattice and ram).`,
        );
      service = scope.service;
    }
    const action = values.get("Action");
    if (!action) throw new AwsError("MissingAction", "The request must contain the parameter Action");
    const version = values.get("Version");
    if (!version) throw new AwsError("MissingParameter", "The request must contain the parameter Version");
    if (version !== VERSIONS[service]) {
      throw service === "ec2"
        ? new AwsError("NoSuchVersion", `The requested version (${version}) of service AmazonEC2 does not exist`)
        : new AwsError("InvalidAction", `Could not find operation ${action} for version ${version}`);
    }
    const caller = authenticate(runtime, signed, service, scope);
    const handler = HANDLERS[service][action];
    if (!handler) {
      throw service === "ec2"
        ? new AwsError("InvalidAction", `The action ${action} is not valid for this web service.`)
        : new AwsError("InvalidAction", `Could not find operation ${action} for version ${version}`);
    }
    const region = scope?.region ?? "us-east-1";
    if ((service === "ec2" || service === "elasticloadbalancing") && !findRegion(region)) {
      throw new AwsError("AuthFailure", `The sandbox does not offer region '${region}' (us-east-1, us-west-2, eu-west-1).`, 401);
    }
    const faults = await injectFaults(runtime, action, caller.accountId, {
      throttled: throttled(service),
      internal: new AwsError(service === "ec2" ? "InternalError" : "InternalFailure", "An internal error has occurred", 500),
      unavailable: new AwsError(service === "ec2" ? "Unavailable" : "ServiceUnavailable", "The server is overloaded and can't handle the request.", 503),
    });
    const now = runtime.now();
    if (service === "ec2" && !runtime.throttler.take(caller.accountId, region, action, now)) throw throttled(service);
    if (service === "ec2") advanceLifecycle(runtime, now);
    const params = new Params(values, service);
    // Role sessions with permission policies are checked here (authz/); a dry run stops after it.
    if (service === "ec2") authorizeEc2(runtime, caller, action, params, region, now);
    if (service === "ec2" && params.bool("DryRun")) {
      throw new AwsError("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
    }
    const result = handler({ runtime, service, action, region, caller, params, now, failEndpoints: faults.some((f) => f.failEndpoints) });
    return { service, action, xml: successDocument(service, action, result, id), status: 200, requestId: id };
  } catch (error) {
    const awsError = error instanceof AwsError ? error : internalError(service, error);
    return { service, action: values.get("Action") ?? "", xml: errorDocument(service, awsError, id), status: awsError.status, requestId: id };
  }
}

/** Applies the faults injected for this action and account (latency, throttling, errors), in the service's own error codes. */
async function injectFaults(
  runtime: Runtime,
  action: string,
  accountId: string,
  errors: Record<"throttled" | "internal" | "unavailable", AwsError>,
): Promise<Fault[]> {
  const faults = runtime.faults.match(action, accountId);
  for (const fault of faults) {
    if (fault.latencyMs) await sleep(fault.latencyMs);
    if (fault.throttle) throw errors.throttled;
    if (fault.errorRate !== undefined && Math.random() < fault.errorRate) throw fault.errorStatus === 500 ? errors.internal : errors.unavailable;
  }
  return faults;
}

const JSON_ROUTES: Record<JsonService, { routes: ReturnType<typeof compileRoutes>; invalid: Invalid }> = {
  "vpc-lattice": { routes: compileRoutes(latticeRoutes), invalid: latticeInvalid },
  ram: { routes: compileRoutes(ramRoutes), invalid: ramInvalid },
};

function isJsonService(name: string): name is JsonService {
  return Object.hasOwn(JSON_ROUTES, name);
}

interface JsonReply {
  action: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A REST-JSON request (vpc-lattice, RAM): authenticated like the rest, its route found by method and path. */
async function handleJson(
  runtime: Runtime,
  request: IncomingMessage,
  rawPath: string,
  rawQuery: string,
  body: Buffer,
  scope: ParsedAuthorization,
): Promise<JsonReply> {
  const service = scope.service as JsonService;
  const id = requestId();
  let action = "";
  try {
    const caller = authenticate(runtime, { method: request.method ?? "GET", rawPath, rawQuery, headers: request.headers, body }, service, scope);
    if (!findRegion(scope.region))
      throw new AwsError("UnrecognizedClientException", `The sandbox does not offer region '${scope.region}' (us-east-1, us-west-2, eu-west-1).`, 403);
    const { routes, invalid } = JSON_ROUTES[service];
    const { route, input } = matchRoute(routes, request.method ?? "GET", decodeURI(rawPath), new URLSearchParams(rawQuery), body, invalid);
    action = route.action;
    await injectFaults(runtime, action, caller.accountId, {
      throttled: new AwsError("ThrottlingException", "Rate exceeded", 429),
      internal: new AwsError(service === "ram" ? "ServerInternalException" : "InternalServerException", "An internal error has occurred", 500),
      unavailable: new AwsError("ServiceUnavailableException", "The service is unavailable. Try again later.", 503),
    });
    const now = runtime.now();
    authorizeAction(runtime, caller, `${service}:${action}`, now);
    const answer = route.handler({ runtime, service, action, region: scope.region, caller, now, input });
    const status = route.status ?? 200;
    return {
      action,
      status,
      headers: { "content-type": "application/json", "x-amzn-requestid": id },
      body: status === 204 ? "" : JSON.stringify(answer ?? {}),
    };
  } catch (error) {
    const failure = jsonError(error instanceof AwsError ? error : internalError("ec2", error));
    return { action, status: failure.status, headers: { ...failure.headers, "x-amzn-requestid": id }, body: failure.body };
  }
}

function internalError(service: AwsService, error: unknown): AwsError {
  console.error("sandbox-aws: internal error", error);
  return new AwsError(service === "ec2" ? "InternalError" : "InternalFailure", "An internal error has occurred", 500);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const consistency = new Consistency({ profile: options.profile, seed: options.seed, bounds: options.consistencyBounds });
  const runtime = new Runtime({ ...DEFAULT_DELAYS, ...options.delays }, { enabled: true, refillMultiplier: 1, ...options.throttling }, consistency);
  const { stateFile } = options;
  if (stateFile) {
    const stored = readStateFile(stateFile);
    if (stored) runtime.state.load(stored);
  }
  let persistTimer: NodeJS.Timeout | undefined;
  const persistNow = () => {
    if (persistTimer) clearTimeout(persistTimer);
    persistTimer = undefined;
    if (stateFile) writeStateFile(stateFile, runtime.state);
  };
  const persist = () => {
    if (!stateFile || persistTimer) return;
    persistTimer = setTimeout(persistNow, 250);
    persistTimer.unref();
  };
  const host = options.host ?? "127.0.0.1";
  const dataPlane =
    options.dataPlane?.enabled === false
      ? null
      : new DataPlane(
          runtime,
          { host, ports: options.dataPlane?.ports ?? DEFAULT_DATA_PLANE_PORTS, healthCheckScale: options.dataPlane?.healthCheckScale ?? 1 },
          persist,
        );
  const dns = dataPlane ? await dataPlane.start(options.dataPlane?.dnsPort ?? 0) : null;
  const stateChanged = () => {
    persist();
    dataPlane?.stateChanged();
  };
  const reset = () => {
    runtime.state.clear();
    runtime.faults.clear();
    runtime.throttler.reset();
    runtime.consistency.reset();
    runtime.clockOffsetMs = 0;
    stateChanged();
  };

  const hostNames = allowedHostNames(host);
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://sandbox.invalid");
    const queryIndex = (request.url ?? "").indexOf("?");
    const rawQuery = queryIndex < 0 ? "" : (request.url ?? "").slice(queryIndex + 1);
    readBody(request)
      .then(async (body) => {
        const refused = refusal(request.method ?? "GET", url.pathname, request.headers, hostNames);
        if (refused) {
          response.writeHead(refused.status, { "content-type": "application/json" });
          response.end(JSON.stringify({ error: refused.error }));
          return;
        }
        if (url.pathname.startsWith("/_sandbox/")) {
          const dataPlaneDocument = () => dataPlane?.describe() ?? { dns: null, sockets: [] };
          return handleAdmin(runtime, { reset, persist: stateChanged, dataPlane: dataPlaneDocument }, request, url.pathname, body, response);
        }
        const scope = readScope({ method: request.method ?? "GET", rawPath: url.pathname, rawQuery, headers: request.headers, body });
        if (scope && isJsonService(scope.service)) {
          const reply = await handleJson(runtime, request, url.pathname, rawQuery, body, scope);
          if (reply.status < 300 && !READ_ONLY.test(reply.action)) {
            stateChanged();
            await dataPlane?.settled();
          }
          response.writeHead(reply.status, reply.headers);
          response.end(reply.body);
          return;
        }
        const answer = await handleAws(runtime, request, url.pathname, rawQuery, body);
        if (answer.status === 200 && !READ_ONLY.test(answer.action)) {
          stateChanged();
          // The caller's next connection meets the new state: the sockets are in place before it hears back.
          await dataPlane?.settled();
        }
        response.writeHead(answer.status, { "content-type": "text/xml;charset=UTF-8", "x-amzn-requestid": answer.requestId });
        response.end(answer.xml);
      })
      .catch((error: unknown) => {
        const awsError = error instanceof AwsError ? error : internalError("ec2", error);
        response.writeHead(awsError.status, { "content-type": "text/xml;charset=UTF-8" });
        response.end(errorDocument("ec2", awsError, requestId()));
      });
  });
  // Idle connections stay open until the client closes them (shutdown closes them all): a server that closes an idle
  // keep-alive socket races the client that reuses it at that moment, which then sees "socket hang up" (ECONNRESET).
  server.keepAliveTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4566, host, () => resolve());
  }).catch(async (error: unknown) => {
    await dataPlane?.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    state: runtime.state,
    runtime,
    dns,
    dataPlane,
    reset,
    publishTxt: (name, values) => {
      publishTxt(runtime.state, name, values);
      persist();
    },
    addInstance: (input) => {
      const instance = addInstance(runtime.state, input, runtime.now());
      stateChanged();
      return instance;
    },
    addFaults: (faults) => runtime.faults.add(faults.map((fault) => faultSchema.parse(fault))),
    advanceClock: (ms) => {
      runtime.clockOffsetMs += ms;
    },
    close: async () => {
      await dataPlane?.close();
      await new Promise<void>((resolve, reject) => {
        persistNow();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}

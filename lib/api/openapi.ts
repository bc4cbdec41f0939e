import { z } from "zod";
import { accessSentence } from "./access";
import type { AnyOperation } from "./operation";
import { OPERATIONS, UNREFERENCED_SCHEMAS } from "./operations";
import { isIdParam } from "./params";
import { problemSchema } from "./problem";

// From the zod schemas the handlers parse with, so the document cannot drift from what the routes accept and answer. A schema
// named where it is defined (`.meta({ id: "Link" })`) is a component; answers are named as resources, bodies as `...Input`.

type JsonSchema = Record<string, unknown>;
type Components = Record<string, JsonSchema>;

const PROBLEM_REF = { $ref: "#/components/schemas/Problem" };

const STATUS_TEXT: Record<number, string> = {
  400: "Malformed request (invalid JSON, or a malformed Idempotency-Key).",
  401: "No credentials, or an API key that is unknown, mistyped or revoked.",
  403: "The key lacks the scope, the caller lacks the role, a cross-site write with a session cookie, or `mfa_required`: a signed-in vendor admin (ADMIN_MFA) or member of an organization requiring it has no second factor yet.",
  404: "No such resource in your organization (another organization's resources are not found, never forbidden), or a session's X-Organization that is not yours.",
  408: "The body did not arrive whole within 10 s (a Content-Length larger than the body sent).",
  409: "The resource's state does not allow this now, or a request with this Idempotency-Key is still running.",
  413: "The body is larger than 64 KiB (declared or streamed).",
  415: "The body is not JSON (send Content-Type: application/json).",
  422: "Invalid fields or parameters (named in invalidParams), or an Idempotency-Key reused for another request.",
  429: "Rate limit reached; retry after Retry-After seconds.",
  503: "AWS could not be reached; retry after Retry-After seconds.",
};

/** Without the ids: zod would move a schema that carries one into $defs, where this document names it in components.schemas. */
class MetadataWithoutIds extends z.core.$ZodRegistry<z.core.GlobalMeta> {
  override get(schema: z.core.$ZodType): z.core.GlobalMeta | undefined {
    const meta = z.globalRegistry.get(schema);
    if (meta?.id === undefined) return meta;
    const rest = { ...meta };
    delete rest.id;
    return Object.keys(rest).length > 0 ? rest : undefined;
  }
}
const metadata = new MetadataWithoutIds();

/** One name, one shape: a schema that read differently as a body and as an answer would need two names; building fails. */
function jsonSchema(schema: z.ZodType, io: "input" | "output", components: Components, defining?: z.ZodType): JsonSchema {
  const generated = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    metadata,
    override: ({ zodSchema, jsonSchema: converted }) => {
      const named = zodSchema as unknown as z.ZodType;
      const name = z.globalRegistry.get(named)?.id;
      if (!name || named === defining) return;
      const definition = jsonSchema(named, io, components, named);
      const known = components[name];
      if (known && JSON.stringify(known) !== JSON.stringify(definition)) throw new Error(`components.schemas.${name} differs between its uses (${io})`);
      components[name] = definition;
      for (const key of Object.keys(converted)) delete converted[key];
      converted.$ref = `#/components/schemas/${name}`;
    },
  }) as JsonSchema;
  delete generated.$schema;
  return generated;
}

const rateHeaders = {
  "RateLimit-Limit": { description: "Requests allowed in the current one-minute window.", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in the window.", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the window resets.", schema: { type: "integer" } },
};

export function errorStatuses(op: AnyOperation): number[] {
  // 404 everywhere: a session's X-Organization may name an organization the user is not in.
  const statuses = new Set<number>([401, 403, 404, 429, ...(op.errors ?? [])]);
  const params = Object.values(op.params?.shape ?? {}) as z.ZodType[];
  if (op.query || params.some((param) => !isIdParam(param))) statuses.add(422);
  if (op.body) [400, 415, 422].forEach((s) => statuses.add(s));
  if (op.method === "POST" || op.method === "PATCH" || op.body) [408, 413].forEach((s) => statuses.add(s)); // the body is read, with or without a schema
  if (op.method === "POST") [400, 409, 422].forEach((s) => statuses.add(s));
  return [...statuses].sort();
}

function operationObject(op: AnyOperation, components: Components) {
  const parameters: unknown[] = [];
  for (const [name, field] of Object.entries(op.params?.shape ?? {})) {
    const { description, ...schema } = jsonSchema(field as z.ZodType, "input", components);
    parameters.push({ name, in: "path", required: true, description, schema });
  }
  if (op.query) {
    // As the caller writes them (io input): a parameter with a default is optional, one without is required.
    const query = jsonSchema(op.query, "input", components) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      const { description, ...rest } = schema;
      parameters.push({ name, in: "query", required: query.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest });
    }
  }
  if (op.method === "POST") {
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description:
        "Repeat the request safely: the same key and body, from the same caller for the same organization, replay the first answer for 24 hours (a secret it held is not kept: `secretAlreadyShown`); the same key with another body is refused (422).",
      schema: { type: "string", minLength: 1, maxLength: 255 },
    });
  }
  const files = op.success.files;
  const responses: Record<string, unknown> = {
    [op.success.status]: files
      ? {
          description: `${op.success.description} ${files.map((f) => `\`${f.mediaType}\`: ${f.description}`).join("; ")}.`,
          headers: { ...rateHeaders, "Content-Disposition": { description: "attachment, with the file's name.", schema: { type: "string" } } },
          content: Object.fromEntries(files.map((f) => [f.mediaType, { schema: { type: "string" } }])),
        }
      : op.success.status === 204
        ? { description: op.success.description, headers: rateHeaders }
        : {
            description: op.success.description,
            headers: op.location ? { ...rateHeaders, Location: { description: "The new resource.", schema: { type: "string" } } } : rateHeaders,
            content: { "application/json": { schema: jsonSchema(op.success.schema, "output", components) } },
          },
  };
  for (const status of errorStatuses(op)) {
    responses[status] = {
      description: STATUS_TEXT[status] ?? "Error.",
      ...(status === 429 ? { headers: { ...rateHeaders, "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } } } : {}),
      content: { "application/problem+json": { schema: PROBLEM_REF } },
    };
  }
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, `**Access:** ${accessSentence(op.access)}`].filter(Boolean).join("\n\n"),
    ...(op.access.sessionOnly ? { security: [{ session: [] }] } : {}),
    "x-required-scope": op.access.scope,
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input", components) } } } } : {}),
    responses,
  };
}

export type ApiContact = { url?: string; email?: string };

export function buildOpenApiDocument(
  operations: readonly AnyOperation[] = OPERATIONS,
  { serverUrl, contact = {} }: { serverUrl?: string; contact?: ApiContact } = {},
) {
  const components: Components = {};
  jsonSchema(problemSchema, "output", components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = operationObject(op, components);
  }
  for (const schema of UNREFERENCED_SCHEMAS) jsonSchema(schema, "output", components);
  return {
    openapi: "3.1.0",
    info: {
      title: "privatelink-portal API",
      version: "1",
      description:
        "Private connections from our VPC to your AWS endpoint services. Authenticate with `Authorization: Bearer plk_<prefix>_<secret>`. Errors are RFC 9457 problem+json.",
      contact: { name: "API support", ...contact },
      license: { name: "Proprietary: use under your agreement with us" },
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ apiKey: [] }, { session: [] }],
    tags: [
      { name: "Connectivity", description: "What to set up in your AWS account." },
      { name: "Links", description: "Private connections to your endpoint services." },
      { name: "AWS accounts", description: "The AWS accounts your organization proved it owns." },
      { name: "Admin", description: "Vendor admins: every organization's links and policies." },
      { name: "API keys", description: "Your organization's keys." },
      { name: "Webhooks", description: "Link events POSTed to your URL, signed with HMAC-SHA256 (the `PrivateLink-Signature` header)." },
      { name: "Single sign-on", description: "Your organization's own OpenID Connect provider and the email domains it claims." },
      { name: "Plans", description: "What your plan allows, and asking for a better one." },
    ],
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", bearerFormat: "plk_<prefix>_<secret>", description: "An API key; scopes read and write." },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description:
            "The portal's session; writes must come from the portal's origin. A member of several organizations picks one with the X-Organization header (slug or id); the first otherwise.",
        },
      },
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}

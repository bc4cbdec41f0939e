import type { Metadata } from "next";
import { inline, Markdown } from "@/components/ui/markdown";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { OPERATIONS } from "@/lib/api/operations";
import { getSessionContext } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API reference" };

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  anyOf?: Schema[];
};
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema: Schema };
type OperationObject = {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  parameters?: Parameter[];
  requestBody?: { content: { "application/json": { schema: Schema } } };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
};

/** Built once: the page renders per request (its CSP nonce), the document never changes. */
const document = buildOpenApiDocument();
const components = document.components.schemas as Record<string, Schema>;

/** Operations only vendor admins may call: listed to admins alone, so a customer reads only what they can use. */
const ADMIN_ONLY = new Set(OPERATIONS.filter((op) => op.access.by.every((party) => party === "admin")).map((op) => op.operationId));

/** The named schema (components.schemas) a $ref points to; any other schema as it is. */
function resolved(schema: Schema): Schema {
  return schema.$ref ? (components[schema.$ref.split("/").at(-1)!] ?? schema) : schema;
}

/**
 * The OpenAPI document (the one /api/v1/openapi.json serves), rendered on the server as a reference: a vendor admin sees every
 * operation, anyone else (signed in or not) those a customer may call.
 */
export default async function ApiReferencePage() {
  const session = await getSessionContext();
  const isAdmin = session?.user.role === "admin";
  const operations = Object.entries(document.paths)
    .flatMap(([path, methods]) =>
      Object.entries(methods as Record<string, OperationObject>).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    )
    .filter(({ op }) => isAdmin || !ADMIN_ONLY.has(op.operationId));
  const tags = document.tags.filter((tag) => operations.some(({ op }) => op.tags.includes(tag.name)));
  return (
    <main className="mx-auto max-w-4xl space-y-10 p-4 sm:p-8">
      <header className="space-y-2">
        <nav aria-label="Back" className="text-sm">
          <a className="text-blue-700 underline" href={isAdmin ? "/admin" : "/"}>
            {isAdmin ? "← Back to the admin console" : "← Back to the portal"}
          </a>
        </nav>
        <h1 className="text-3xl font-semibold">{document.info.title}</h1>
        <Markdown className="space-y-2 text-gray-700" text={document.info.description} />
        <p className="text-sm">
          The same reference, machine-readable (OpenAPI {document.openapi}):{" "}
          <a className="text-blue-700 underline" href="/api/v1/openapi.json" download="openapi.json">
            download openapi.json
          </a>
          {isAdmin ? "" : " (it lists the vendor's admin operations too; you cannot call them)"}.
        </p>
        <nav aria-label="Operations">
          <ul className="grid gap-1 text-sm sm:grid-cols-2">
            {operations.map(({ path, method, op }) => (
              <li key={op.operationId}>
                <a className="font-mono text-blue-700 underline" href={`#${op.operationId}`}>
                  {method} {path}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {tags.map((tag) => (
        <section key={tag.name} className="space-y-6">
          <h2 className="border-b pb-1 text-2xl font-semibold">{tag.name}</h2>
          <Markdown className="text-gray-700" text={tag.description} />
          {operations
            .filter(({ op }) => op.tags.includes(tag.name))
            .map(({ path, method, op }) => (
              <OperationSection key={op.operationId} path={path} method={method} op={op} />
            ))}
        </section>
      ))}
    </main>
  );
}

function OperationSection({ path, method, op }: { path: string; method: string; op: OperationObject }) {
  const body = op.requestBody ? resolved(op.requestBody.content["application/json"].schema) : undefined;
  return (
    <article id={op.operationId} className="space-y-3 rounded border p-4">
      <h3 className="font-mono text-lg">
        <span className="mr-2 rounded bg-gray-900 px-2 py-0.5 text-sm text-white">{method}</span>
        {path}
      </h3>
      <p className="font-medium">{inline(op.summary)}</p>
      <Markdown className="space-y-2 text-sm text-gray-700" text={op.description} />
      {op.parameters?.length ? (
        <Fields
          title="Parameters"
          rows={op.parameters.map((p) => ({ name: `${p.name} (${p.in})`, schema: p.schema, required: Boolean(p.required), description: p.description }))}
        />
      ) : null}
      {body?.properties ? (
        <Fields
          title="Body (application/json)"
          rows={Object.entries(body.properties).map(([name, schema]) => ({
            name,
            schema,
            required: body.required?.includes(name) ?? false,
            description: schema.description,
          }))}
        />
      ) : null}
      <div>
        <h4 className="text-sm font-semibold">Responses</h4>
        <ul className="text-sm">
          {Object.entries(op.responses).map(([status, response]) => (
            <li key={status}>
              <span className="font-mono">{status}</span> {Object.keys(response.content ?? {})[0] ?? ""} — {inline(response.description)}
            </li>
          ))}
        </ul>
      </div>
    </article>
  );
}

function Fields({ title, rows }: { title: string; rows: { name: string; schema: Schema; required: boolean; description?: string }[] }) {
  return (
    <div>
      <h4 className="text-sm font-semibold">{title}</h4>
      <table className="w-full text-left text-sm">
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} className="border-t align-top">
              <td className="py-1 pr-3 font-mono">
                {row.name}
                {row.required ? " *" : ""}
              </td>
              <td className="py-1 pr-3 font-mono text-gray-700">{describeType(row.schema)}</td>
              <td className="py-1 text-gray-700">{inline(row.description ?? row.schema.description ?? "")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function describeType(schema: Schema): string {
  if (schema.$ref) return describeType(resolved(schema));
  if (schema.enum) return schema.enum.map(String).join(" | ");
  if (schema.anyOf) return schema.anyOf.map(describeType).join(" | ");
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  const details = [
    schema.format,
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : undefined,
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : undefined,
    schema.maxLength !== undefined ? `≤ ${schema.maxLength} chars` : undefined,
    schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : undefined,
  ].filter(Boolean);
  const base = type === "array" && schema.items ? `${describeType(schema.items)}[]` : type;
  return details.length ? `${base} (${details.join(", ")})` : base;
}

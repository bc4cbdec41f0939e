import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

/**
 * The typed client of /api/v1: openapi-fetch over the types openapi-typescript generates from the
 * OpenAPI document (schema.ts, `npm run api:types`), so paths, parameters, bodies and answers are
 * checked by the compiler against what the server documents. For partners' TypeScript and scripts
 * (with an API key), and for the portal itself (the session cookie: no key, same origin). A 4xx or
 * 5xx is thrown as ApiProblemError with the problem+json answer, so a call's `data` is its answer.
 *
 *   const api = createApiClient({ baseUrl: "https://portal.example.com", apiKey });
 *   const { data: link } = await api.POST("/api/v1/links", { body: { name, serviceName, region } });
 */

type Schemas = components["schemas"];
export type Link = Schemas["Link"];
export type LinkState = Schemas["LinkState"];
export type LinkAction = Schemas["LinkAction"];
export type LinkEvent = Schemas["LinkEvent"];
export type Connectivity = Schemas["Connectivity"];
export type AwsAccount = Schemas["AwsAccount"];
export type AwsAccountList = Schemas["AwsAccountList"];
export type Organization = Schemas["Organization"];
export type AdminOrganization = Schemas["AdminOrganization"];
export type AdminMetrics = Schemas["AdminMetrics"];
export type ApiKey = Schemas["ApiKey"];
export type CreatedApiKey = Schemas["CreatedApiKey"];
export type Member = Schemas["Member"];
export type Invitation = Schemas["Invitation"];
export type CreatedInvitation = Schemas["CreatedInvitation"];
export type Webhook = Schemas["Webhook"];
export type CreatedWebhook = Schemas["CreatedWebhook"];
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type WebhookPayload = Schemas["WebhookPayload"];
export type Region = Schemas["Region"];
export type Problem = Schemas["Problem"];

/** A problem+json answer (RFC 9457 with our code, requestId and invalidParams), or what stood for one. */
export class ApiProblemError extends Error {
  constructor(readonly problem: Pick<Problem, "status" | "detail"> & Partial<Problem>) {
    super(`${problem.status}${problem.code ? ` ${problem.code}` : ""}: ${problem.detail}`);
    this.name = "ApiProblemError";
  }
}

/** The problem of a failed answer; a body that is not problem+json still gives its status. */
export async function problemOf(response: Response): Promise<ApiProblemError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    if (body && typeof body === "object" && typeof body.detail === "string")
      return new ApiProblemError({ ...body, status: response.status, detail: body.detail });
  } catch {
    // not JSON: the status alone says it
  }
  return new ApiProblemError({ status: response.status, detail: `The request failed (${response.status}).` });
}

const throwProblems: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) throw await problemOf(response);
    return undefined;
  },
};

export type ApiClientOptions = {
  /** Where the portal is, e.g. https://portal.example.com; "" for the portal's own pages. */
  baseUrl: string;
  /** `plk_<prefix>_<secret>`; without one, the browser's session cookie (same origin). */
  apiKey?: string;
  fetch?: typeof fetch;
};

export function createApiClient({ baseUrl, apiKey, fetch: fetchImpl }: ApiClientOptions) {
  const client = createClient<paths>({
    baseUrl: baseUrl.replace(/\/$/, ""),
    headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
    credentials: "same-origin",
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  client.use(throwProblems);
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** A call's answer: the client throws problems, so a call that returns has one (a 204's is undefined). */
export async function answerOf<T>(call: Promise<{ data?: T }>): Promise<T> {
  return (await call).data as T;
}

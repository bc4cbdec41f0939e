import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

// Types from the OpenAPI document (schema.ts, `npm run api:types`), for partners (API key) and the portal (session cookie, same
// origin). A 4xx or 5xx is thrown as ApiProblemError, so a call that returns has its answer in `data`.

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
export type OrphanEndpoint = Schemas["OrphanEndpoint"];
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
export type Plan = Schemas["Plan"];
export type Problem = Schemas["Problem"];

export class ApiProblemError extends Error {
  constructor(readonly problem: Pick<Problem, "status" | "detail"> & Partial<Problem>) {
    super(`${problem.status}${problem.code ? ` ${problem.code}` : ""}: ${problem.detail}`);
    this.name = "ApiProblemError";
  }
}

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
  /** "" for the portal's own pages. */
  baseUrl: string;
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

/** A 204's is undefined. */
export async function answerOf<T>(call: Promise<{ data?: T }>): Promise<T> {
  return (await call).data as T;
}

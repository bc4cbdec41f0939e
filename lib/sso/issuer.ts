import "server-only";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { classifyAddress } from "@/lib/address-class";
import { AppError } from "@/lib/errors";
import type { Env } from "@/lib/env";

// An issuer is held to its own discovery document when saved, so a typo or an unreachable provider is said at the field, not
// at someone's first sign-in. https only: a client secret and people's identities travel there. Loopback http only for
// development and tests (NODE_ENV other than production, or SSO_ALLOW_LOOPBACK_ISSUERS=true). Every https host we are told to
// reach (the issuer, and the endpoints its document names, which next-auth calls from our servers) must resolve to public
// addresses only, as for webhooks: an organization's owner cannot make us probe our own network.

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);
const DISCOVERY_TIMEOUT_MS = 5000;
const MAX_DISCOVERY_BYTES = 64 * 1024;

const refuse = (reason: string): never => {
  throw new AppError("validation_failed", `The issuer was not accepted: ${reason}`, { invalidParams: [{ name: "issuer", reason }] });
};

/** The issuer without a trailing slash, as providers name themselves and next-auth builds the discovery URL. */
export function normalizeIssuer(issuer: string): string {
  return issuer.trim().replace(/\/+$/, "");
}

type IssuerEnv = Pick<Env, "NODE_ENV" | "SSO_ALLOW_LOOPBACK_ISSUERS">;

type Resolve = (host: string) => Promise<{ address: string }[]>;

const systemResolve: Resolve = (host) => lookup(host, { all: true, verbatim: true });

export function checkIssuerUrl(issuer: string, env: IssuerEnv): URL {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return refuse("Expected an https URL such as https://login.example.com");
  }
  if (url.username || url.password || url.search || url.hash) refuse("An issuer has no credentials, query or fragment");
  if (url.protocol === "https:" || isAllowedLoopback(url, env)) return url;
  return refuse("The issuer must be an https URL");
}

function isAllowedLoopback(url: URL, env: IssuerEnv): boolean {
  return url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname) && (env.NODE_ENV !== "production" || env.SSO_ALLOW_LOOPBACK_ISSUERS);
}

/** Refuses a URL that is not https (or allowed loopback http) or whose host resolves to any address that is not public. */
export async function checkPublicUrl(raw: string, env: IssuerEnv, resolve: Resolve = systemResolve): Promise<void> {
  const url = URL.canParse(raw) ? new URL(raw) : refuse(`${raw} is not a URL`);
  if (isAllowedLoopback(url, env)) return;
  if (url.protocol !== "https:") refuse(`${raw} is not an https URL`);
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: { address: string }[];
  try {
    addresses = isIP(host) ? [{ address: host }] : await resolve(host);
  } catch {
    return refuse(`The host ${host} does not resolve`);
  }
  for (const { address } of addresses) {
    const kind = classifyAddress(address);
    if (kind !== "public") refuse(`The host ${host} resolves to ${address}, a ${kind} address; a provider must be reachable on public addresses`);
  }
}

/** Fetches `<issuer>/.well-known/openid-configuration` and holds it to the OpenID Connect Discovery rules we rely on. */
export async function checkIssuer(issuer: string, env: IssuerEnv, resolve: Resolve = systemResolve): Promise<string> {
  const normalized = normalizeIssuer(issuer);
  checkIssuerUrl(normalized, env);
  await checkPublicUrl(normalized, env, resolve);
  const discoveryUrl = `${normalized}/.well-known/openid-configuration`;
  let text: string;
  try {
    const response = await fetch(discoveryUrl, {
      redirect: "error",
      signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
      headers: { accept: "application/json" },
    });
    if (!response.ok) return refuse(`${discoveryUrl} answered HTTP ${response.status}`);
    text = await response.text();
  } catch {
    return refuse(`${discoveryUrl} could not be reached`);
  }
  if (text.length > MAX_DISCOVERY_BYTES) return refuse(`${discoveryUrl} is too large to be a discovery document`);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return refuse(`${discoveryUrl} is not JSON`);
  }
  const fields = typeof document === "object" && document !== null ? (document as Record<string, unknown>) : {};
  if (typeof fields.issuer !== "string" || normalizeIssuer(fields.issuer) !== normalized) {
    return refuse(`The discovery document names another issuer (${typeof fields.issuer === "string" ? fields.issuer : "none"})`);
  }
  if (typeof fields.authorization_endpoint !== "string" || typeof fields.token_endpoint !== "string" || typeof fields.jwks_uri !== "string") {
    return refuse("The discovery document lacks an authorization, token or JWKS endpoint");
  }
  for (const endpoint of [fields.token_endpoint, fields.jwks_uri, fields.userinfo_endpoint]) {
    if (typeof endpoint === "string") await checkPublicUrl(endpoint, env, resolve);
  }
  // next-auth names the issuer in its checks exactly as the provider does.
  return fields.issuer;
}

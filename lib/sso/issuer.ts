import "server-only";
import { AppError } from "@/lib/errors";
import type { Env } from "@/lib/env";

// An issuer is held to its own discovery document when saved, so a typo or an unreachable provider is said at the field, not
// at someone's first sign-in. https only: a client secret and people's identities travel there. Loopback http only for
// development and tests (NODE_ENV other than production, or SSO_ALLOW_LOOPBACK_ISSUERS=true).

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

export function checkIssuerUrl(issuer: string, env: Pick<Env, "NODE_ENV" | "SSO_ALLOW_LOOPBACK_ISSUERS">): URL {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return refuse("Expected an https URL such as https://login.example.com");
  }
  if (url.username || url.password || url.search || url.hash) refuse("An issuer has no credentials, query or fragment");
  if (url.protocol === "https:") return url;
  const loopbackAllowed = env.NODE_ENV !== "production" || env.SSO_ALLOW_LOOPBACK_ISSUERS;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname) && loopbackAllowed) return url;
  return refuse("The issuer must be an https URL");
}

/** Fetches `<issuer>/.well-known/openid-configuration` and holds it to the OpenID Connect Discovery rules we rely on. */
export async function checkIssuer(issuer: string, env: Pick<Env, "NODE_ENV" | "SSO_ALLOW_LOOPBACK_ISSUERS">): Promise<string> {
  const normalized = normalizeIssuer(issuer);
  checkIssuerUrl(normalized, env);
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
  // next-auth names the issuer in its checks exactly as the provider does.
  return fields.issuer;
}

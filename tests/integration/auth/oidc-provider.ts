import { generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";

/** What the provider says about the person who signs in. */
export type OidcClaims = { sub: string; email?: string; email_verified?: boolean; name?: string };

export type OidcProvider = {
  issuer: string;
  /** The person approves the sign-in at the authorization URL: the code and state the provider sends back to the portal. */
  approve: (authorizationUrl: string, claims: OidcClaims) => { code: string; state: string };
};

export const OIDC_CLIENT = { id: "portal-test", secret: "portal-test-secret" };

const base64url = (value: Buffer | string) => Buffer.from(value).toString("base64url");

/**
 * An OpenID Connect provider on loopback, as next-auth meets one: discovery, JWKS and a token endpoint answering signed ID
 * tokens (RS256) for the codes `approve` hands out. Sets OIDC_* before the app first reads its configuration: register it
 * before withAppDatabase().
 */
export function withOidcProvider(): () => OidcProvider {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomBytes(8).toString("hex");
  const codes = new Map<string, OidcClaims>();
  let server: Server | undefined;
  let provider: OidcProvider | undefined;

  const idToken = (issuer: string, claims: OidcClaims) => {
    const now = Math.floor(Date.now() / 1000);
    const payload = { iss: issuer, aud: OIDC_CLIENT.id, iat: now, exp: now + 300, ...claims };
    const signed = `${base64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }))}.${base64url(JSON.stringify(payload))}`;
    return `${signed}.${base64url(sign("sha256", Buffer.from(signed), privateKey))}`;
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      const issuer = provider!.issuer;
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      const path = new URL(request.url ?? "/", issuer).pathname;
      if (path === "/.well-known/openid-configuration") {
        return answer(200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
          code_challenge_methods_supported: ["S256"],
        });
      }
      if (path === "/jwks") return answer(200, { keys: [{ ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" }] });
      if (path === "/token" && request.method === "POST") {
        let text = "";
        request.on("data", (chunk: Buffer) => (text += chunk.toString()));
        request.on("end", () => {
          const form = new URLSearchParams(text);
          const claims = codes.get(form.get("code") ?? "");
          codes.delete(form.get("code") ?? "");
          if (!claims || !form.get("code_verifier")) return answer(400, { error: "invalid_grant" });
          answer(200, { access_token: randomBytes(16).toString("hex"), token_type: "Bearer", expires_in: 300, id_token: idToken(issuer, claims) });
        });
        return;
      }
      answer(404, { error: "not_found" });
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.OIDC_ISSUER = issuer;
    process.env.OIDC_CLIENT_ID = OIDC_CLIENT.id;
    process.env.OIDC_CLIENT_SECRET = OIDC_CLIENT.secret;
    provider = {
      issuer,
      approve: (authorizationUrl, claims) => {
        const url = new URL(authorizationUrl);
        if (!authorizationUrl.startsWith(`${issuer}/authorize`) || url.searchParams.get("client_id") !== OIDC_CLIENT.id) {
          throw new Error(`not this provider's authorization URL: ${authorizationUrl}`);
        }
        const code = randomBytes(12).toString("hex");
        codes.set(code, claims);
        return { code, state: url.searchParams.get("state") ?? "" };
      },
    };
  });
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));
  return () => provider!;
}

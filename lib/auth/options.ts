import "server-only";
import type { AuthOptions, User as NextAuthUser } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getLogger } from "@/lib/logger";
import { isHttps } from "@/lib/security-headers";
import { signInWithOrganizationSso, type OrganizationProvider } from "@/lib/sso/sign-in";
import { redirectTo } from "./callback-url";
import { clientAddress, requestClientAddress } from "./client-address";
import { completeMfaChallenge, startMfaChallenge } from "./mfa/challenge";
import { mfaSignInInputSchema } from "./mfa/schemas";
import { hasSecondFactor } from "./mfa/second-factor";
import { signInWithSso } from "./oidc";
import { signInInputSchema } from "./schemas";
import { cookiesOf, endSession, isLiveSession, SESSION_MAX_AGE_SECONDS, sessionClaimsOf, startSession } from "./sessions";
import { signInWithPassword } from "./sign-in";

// Sessions are signed JWTs in a cookie, so any replica that shares AUTH_SECRET serves any session (who the user is, and whether
// the session is still live, is read on each request: sessions.ts). Errors thrown by `authorize` reach the browser as `error`
// codes (components/auth). `request`: the one next-auth answers (next-auth-route.ts), absent when only reading a session.
// `organizationProvider`: the organization's own provider the request is for (`org-<organizationId>`), read from the database
// by the route, so only that one is built.
export function authOptions({ request, organizationProvider }: { request?: Request; organizationProvider?: OrganizationProvider | null } = {}): AuthOptions {
  const env = getEnv();
  let ssoUser: { user: { id: string }; linkedInto?: string } | undefined; // from the signIn callback to the jwt one, in this request
  const providers: AuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req): Promise<NextAuthUser | null> {
        const parsed = signInInputSchema.safeParse(credentials ?? {});
        if (!parsed.success) throw new Error("invalid_input");
        try {
          const forwardedFor = req.headers?.["x-forwarded-for"];
          const address = clientAddress(typeof forwardedFor === "string" ? forwardedFor : null, env.TRUSTED_PROXY_HOPS);
          const user = await signInWithPassword(getDb(), parsed.data, address);
          // No session for a person with MFA: the form asks for the second factor and completes through "mfa" below.
          if (user.needsSecondFactor) throw new SecondStep(await startMfaChallenge(getDb(), user.id, "password"));
          return { id: user.id, email: user.email, name: user.name };
        } catch (error) {
          throw signInError(error);
        }
      },
    }),
    CredentialsProvider({
      id: "mfa",
      name: "Second factor",
      credentials: { challenge: { type: "text" }, code: { type: "text" }, passkey: { type: "text" } },
      async authorize(credentials): Promise<NextAuthUser | null> {
        const parsed = mfaSignInInputSchema.safeParse(credentials ?? {});
        if (!parsed.success || (parsed.data.code === undefined) === (parsed.data.passkey === undefined)) throw new Error("mfa_invalid_input");
        try {
          const user = await completeMfaChallenge(getDb(), parsed.data);
          return { id: user.id, email: user.email, name: user.name };
        } catch (error) {
          throw signInError(error, { unauthenticated: "mfa_expired", invalid_credentials: "mfa_invalid_code" });
        }
      },
    }),
  ];
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    providers.push(
      openIdProvider({ id: "oidc", displayName: env.OIDC_NAME, issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET }),
    );
  }
  if (organizationProvider) providers.push(openIdProvider(organizationProvider));

  return {
    secret: env.AUTH_SECRET,
    // Secure, __Secure-/__Host- prefixed cookies whenever the portal is served over https.
    useSecureCookies: isHttps(env),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers,
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(getDb(), token.sid);
      },
    },
    logger: {
      error: (code, metadata) => getLogger().error({ code, metadata: metadata instanceof Error ? metadata.message : undefined }, "next-auth error"),
      warn: (code) => getLogger().warn({ code }, "next-auth warning"),
      debug: () => {},
    },
    callbacks: {
      redirect: redirectTo,
      async signIn({ account, profile }) {
        if (organizationProvider && account?.provider === organizationProvider.id) {
          const outcome = await signInWithOrganizationSso(getDb(), {
            organizationId: organizationProvider.organizationId,
            subject: account.providerAccountId,
            profile,
          });
          if ("refused" in outcome) return `/sign-in?error=${outcome.refused}`;
          if (await hasSecondFactor(getDb(), outcome.user.id)) return secondStepUrl(outcome.user.id);
          ssoUser = outcome;
          return true;
        }
        if (account?.provider !== "oidc") return true;
        const session = request ? await sessionClaimsOf(cookiesOf(request.headers.get("cookie"))) : null;
        const outcome = await signInWithSso(getDb(), { provider: "oidc", subject: account.providerAccountId, profile }, session);
        if ("refused" in outcome)
          return session && outcome.refused.startsWith("sso_link") ? `/settings?sso=${outcome.refused}#account` : `/sign-in?error=${outcome.refused}`;
        // Signing in (not linking to a live session) as a person with MFA: the second step first.
        if (!outcome.linkedInto && (await hasSecondFactor(getDb(), outcome.user.id))) return secondStepUrl(outcome.user.id);
        ssoUser = outcome;
        return true;
      },
      async jwt({ token, user, account }) {
        if (!user && !account) return token; // reading a session, not signing in
        // Pin the session to our user id (for SSO, the one signInWithSso chose, not the provider's subject) and to a new
        // Session row, or, when linking, to the session that asked for it.
        const userId = account?.type === "credentials" ? user?.id : ssoUser?.user.id;
        if (!userId) throw new Error("sign-in without a user");
        token.sub = userId;
        token.sid =
          ssoUser?.linkedInto ??
          (await startSession(getDb(), {
            userId,
            userAgent: request?.headers.get("user-agent"),
            clientAddress: request ? requestClientAddress(request) : null,
          }));
        return token;
      },
      // next-auth's own /api/auth/session: an ended session shows nobody, as every other route does.
      async session({ session, token }) {
        if (!(await isLiveSession(getDb(), token))) return { expires: session.expires };
        if (session.user && token.sub) Object.assign(session.user, { id: token.sub });
        return session;
      },
    },
  };
}

/** The deployment's provider (`oidc`) or an organization's: OpenID Connect by discovery, the code flow with PKCE and state. */
function openIdProvider(provider: Pick<OrganizationProvider, "id" | "displayName" | "issuer" | "clientId" | "clientSecret">): AuthOptions["providers"][number] {
  return {
    id: provider.id,
    name: provider.displayName,
    type: "oauth",
    wellKnown: `${provider.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    idToken: true,
    checks: ["pkce", "state"],
    authorization: { params: { scope: "openid email profile" } },
    profile: (profile: { sub: string; email?: string; name?: string }) => ({ id: profile.sub, email: profile.email, name: profile.name }),
  };
}

// After a single sign-on, a person with MFA takes the second step on the sign-in page. The token travels in the fragment, which
// browsers neither send to servers nor put in a Referer.
async function secondStepUrl(userId: string): Promise<string> {
  return `/sign-in#mfa=${await startMfaChallenge(getDb(), userId, "sso")}`;
}

/** The first step was right; the form asks for the second factor with this challenge. */
class SecondStep extends Error {
  constructor(readonly challenge: string) {
    super(`mfa_required:${challenge}`);
  }
}

// Errors thrown by `authorize` reach the browser as `error` codes (components/auth/sign-in-form.tsx reads them).
function signInError(error: unknown, renamed: Partial<Record<string, string>> = {}): Error {
  if (error instanceof SecondStep) return error;
  if (error instanceof AppError) {
    if (error.code === "too_many_requests") return new Error(`too_many_requests:${error.retryAfter ?? 60}`);
    return new Error(renamed[error.code] ?? error.code);
  }
  getLogger().error({ err: error }, "sign-in failed");
  return new Error("internal");
}

import "server-only";
import { AwsCallError, classifyAwsError, refusesSession } from "./errors";
import type { ClientWithMiddleware } from "./tracing";

// Role sessions outlive their role: once it is deleted and made again, AWS refuses the old sessions, which every process that
// cached them would use until they expire. So a client acting as a role asks the role's cache (principals.ts) to drop them when
// AWS refuses a call, and throws the refusal as transient so the job's retry gets a new session: every process recovers alone.

/** True when a retry would run with other credentials. */
export type RenewAfterRefusal = () => boolean;

const renewals = new WeakMap<object, RenewAfterRefusal>();

export function renewedOnRefusal(credentials: object, renew: RenewAfterRefusal): void {
  renewals.set(credentials, renew);
}

export function renewingRefusedSessions<C extends ClientWithMiddleware>(client: C, credentials: object | undefined): C {
  const renew = credentials && renewals.get(credentials);
  if (!renew) return client;
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        const failure = classifyAwsError(error);
        if (!refusesSession(failure) || !renew()) throw error;
        const message = `AWS refused the role session's credentials (${failure.code}); they may predate the role being made again, so they were dropped and the call will be retried with a new session.`;
        throw new AwsCallError({ ...failure, kind: "transient", message }, { cause: error });
      }
    },
    { step: "initialize", name: "renewRefusedRoleSession" },
  );
  return client;
}

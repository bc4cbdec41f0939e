import "server-only";
import { AwsCallError, classifyAwsError, refusesSession } from "./errors";
import type { ClientWithMiddleware } from "./tracing";

/**
 * Role sessions outlive their role: when a role is deleted and made again, AWS refuses the old
 * sessions while every process that cached them would keep using them until they expire. A client
 * acting as a role's credentials therefore asks the role's cache (lib/aws/principals.ts) to drop them
 * whenever AWS refuses a call; when the cache did, the refusal is thrown as transient so that the
 * job's retry runs with a new session. No signal from whoever made the role again is needed, so
 * every process recovers on its own.
 */

/** Drops the credentials after a refusal; true when a retry would run with other credentials. */
export type RenewAfterRefusal = () => boolean;

const renewals = new WeakMap<object, RenewAfterRefusal>();

/** Registers how `credentials` (a role's provider) are renewed after AWS refused them. */
export function renewedOnRefusal(credentials: object, renew: RenewAfterRefusal): void {
  renewals.set(credentials, renew);
}

/** Adds the renewal to a client made with `credentials`, when they are renewable. */
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

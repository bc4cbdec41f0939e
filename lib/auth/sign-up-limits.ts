import "server-only";
import type { Engine } from "@/lib/engine";
import { getEnv } from "@/lib/env";
import { addressGroup } from "./client-address";
import { admitInTurn } from "./rate-limit";

// Every sign-up is an organization and a password hash: these bound how fast anyone makes them (README, Configuration). Per
// address (an IPv6 client's /64) stops one client, per email the repeats that will each mail the address's owner (issue 23),
// and the global one is the ceiling a crowd of addresses meets. Fixed windows of an hour, in PostgreSQL like sign-in's.
export type SignUpLimits = { windowMs: number; perHour: number; perAddress: number; perEmail: number };

export const SIGN_UPS_PER_EMAIL_PER_HOUR = 3;

declare module "@/lib/engine" {
  interface EngineOverrides {
    /** Limit by limit over the environment's. */
    signUp?: Partial<SignUpLimits>;
  }
}

export function signUpLimitsOf(engine: Pick<Engine, "overrides">): SignUpLimits {
  const env = getEnv();
  return {
    windowMs: 3_600_000,
    perHour: env.SIGN_UP_LIMIT_PER_HOUR,
    perAddress: env.SIGN_UP_LIMIT_ADDRESS_PER_HOUR,
    perEmail: SIGN_UPS_PER_EMAIL_PER_HOUR,
    ...engine.overrides?.signUp,
  };
}

// One limit after the other: a sign-up refused for its address is not counted against its email's or everyone's, so one
// client cannot spend the global limit faster than its own. A missing address (no server appended one) is one shared client.
export async function admitSignUp(engine: Pick<Engine, "db" | "overrides">, { email, clientAddress }: { email: string; clientAddress: string | null }) {
  const limits = signUpLimitsOf(engine);
  const steps: [string, number][] = [
    [`sign-up:address:${clientAddress ? addressGroup(clientAddress) : "unknown"}`, limits.perAddress],
    [`sign-up:email:${email}`, limits.perEmail],
    ["sign-up:all", limits.perHour],
  ];
  await admitInTurn(engine.db, steps, limits.windowMs, "Too many sign-ups just now");
}

import { randomBytes, randomInt } from "node:crypto";
import { SECRET_ALPHABET, SEED_ACCOUNTS } from "./seed";
import type { MadeAccount, SandboxState } from "./state";

/**
 * Customer accounts made at run time, beside the seeded ones: one per owner label (the portal makes
 * one per organization), with random keys, kept in the state file and forgotten on reset.
 */

const MAX_MADE_ACCOUNTS = 10_000;
const CUSTOMER_KEY_PREFIX = "AKIACUST";

export class AccountLimitError extends Error {}

export type Credentials = { accountId: string; accessKeyId: string; secretAccessKey: string };

function isTaken(state: SandboxState, accountId: string): boolean {
  return state.accounts.has(accountId) || SEED_ACCOUNTS.some((a) => a.accountId === accountId);
}

function randomSecret(): string {
  return [...randomBytes(40)].map((byte) => SECRET_ALPHABET[byte % SECRET_ALPHABET.length]).join("");
}

/** The owner's account, made on its first call; `isNew` tells which. */
export function accountFor(state: SandboxState, owner: string, now: number): { account: MadeAccount; isNew: boolean } {
  const existing = [...state.accounts.values()].find((a) => a.owner === owner);
  if (existing) return { account: existing, isNew: false };
  if (state.accounts.size >= MAX_MADE_ACCOUNTS) throw new AccountLimitError(`the sandbox holds ${MAX_MADE_ACCOUNTS} made accounts already; reset it`);
  let accountId: string;
  do accountId = String(randomInt(500_000_000_000, 1_000_000_000_000));
  while (isTaken(state, accountId));
  const account = {
    accountId,
    owner,
    accessKeyId: `${CUSTOMER_KEY_PREFIX}${accountId}`,
    secretAccessKey: randomSecret(),
    createdAt: new Date(now).toISOString(),
  };
  state.addAccount(account);
  return { account, isNew: true };
}

/** The account whose own keys these are, seeded or made. */
export function accountByAccessKey(state: SandboxState, accessKeyId: string): Credentials | undefined {
  const seeded = SEED_ACCOUNTS.find((a) => a.accessKeyId === accessKeyId);
  if (seeded) return seeded;
  const made = accessKeyId.startsWith(CUSTOMER_KEY_PREFIX) ? state.accounts.get(accessKeyId.slice(CUSTOMER_KEY_PREFIX.length)) : undefined;
  return made?.accessKeyId === accessKeyId ? made : undefined;
}

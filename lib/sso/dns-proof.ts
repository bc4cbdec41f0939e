import "server-only";
import { Resolver } from "node:dns/promises";
import type { Env } from "@/lib/env";
import { proofRecordName } from "./domain-proof";

export type TxtLookup = { records: string[][] } | { error: string };

/** The TXT records at the domain's proof name, through DNS_PROOF_SERVER or the system's resolver; a sentence when none. */
export async function lookupProofRecords(domain: string, env: Pick<Env, "DNS_PROOF_SERVER">): Promise<TxtLookup> {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  if (env.DNS_PROOF_SERVER) resolver.setServers([env.DNS_PROOF_SERVER]);
  const name = proofRecordName(domain);
  try {
    return { records: await resolver.resolveTxt(name) };
  } catch (error) {
    const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
    if (code === "ENOTFOUND" || code === "ENODATA") return { error: `No TXT record at ${name} yet.` };
    return { error: `The DNS lookup of ${name} failed (${code || "error"}); try again later.` };
  }
}

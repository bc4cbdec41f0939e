import { isIP } from "node:net";

// Every proxy appends to X-Forwarded-For the address it was connected from, as does our web server (scripts/server), so the last
// entry is the peer; with `trustedHops` proxies in front, the client is that many further left, and anything left of it, written
// by the client, is ignored.
export function clientAddress(forwardedFor: string | null | undefined, trustedHops: number): string | null {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const entry = entries[Math.max(0, entries.length - 1 - trustedHops)];
  if (!entry) return null;
  const address = entry.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return isIP(address) ? address.toLowerCase() : null;
}

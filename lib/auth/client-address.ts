import { isIP } from "node:net";

/**
 * The client's address, from X-Forwarded-For as the web server hands it over: every proxy appends
 * the address it was connected from, and so does the web server itself (scripts/server), so the last
 * entry is the connection's peer. With `trustedHops` reverse proxies in front of the portal
 * (TRUSTED_PROXY_HOPS), the client is that many entries further left; anything left of it was
 * written by the client and is ignored. Null when there is no valid address.
 */
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

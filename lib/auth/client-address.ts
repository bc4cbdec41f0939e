import { isIP } from "node:net";
import { getEnv } from "@/lib/env";

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

export function requestClientAddress(request: Request): string | null {
  return clientAddress(request.headers.get("x-forwarded-for"), getEnv().TRUSTED_PROXY_HOPS);
}

// One IPv6 client holds a whole /64 (SLAAC, privacy addresses), so a limit per address counts its /64; IPv4 stays one address.
export function addressGroup(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => (parseInt(group, 16) || 0).toString(16))
    .join(":")}::/64`;
}

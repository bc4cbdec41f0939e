import { createHash } from "node:crypto";

/**
 * Addresses of the data plane. Each endpoint's network interface in a zone stands as one loopback
 * address from 127.64.0.0/10 (4,194,304 addresses, far from 127.0.0.1): picked by hashing
 * (endpoint, zone) so sandboxes running side by side rarely meet, then kept in the state so it stays
 * the same across restarts. Private IPs inside subnets (the interface's, the NLB's) are derived the
 * same way and never leave the sandbox's own bookkeeping (source rules, proxy protocol headers).
 */

const RANGE_START = ipv4ToNumber("127.64.0.0")!;
const RANGE_SIZE = 2 ** 22;

export function ipv4ToNumber(ip: string): number | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split("/");
  const address = ipv4ToNumber(ip);
  const start = ipv4ToNumber(base ?? "");
  const size = 2 ** (32 - Number(bits ?? 32));
  if (address === undefined || start === undefined || !Number.isFinite(size)) return false;
  const first = start - (start % size);
  return address >= first && address < first + size;
}

export function isLoopback(ip: string): boolean {
  return inCidr(ip, "127.0.0.0/8");
}

function hashOf(label: string): number {
  return createHash("sha256").update(label).digest().readUInt32BE(0);
}

export const addressKey = (endpointId: string, zoneId: string) => `${endpointId}/${zoneId}`;

/** The address of (endpoint, zone): the one the state holds, or a new free one, recorded. */
export function allocateAddress(addresses: Map<string, string>, endpointId: string, zoneId: string): string {
  const key = addressKey(endpointId, zoneId);
  const existing = addresses.get(key);
  if (existing) return existing;
  const taken = new Set(addresses.values());
  let offset = hashOf(key) % RANGE_SIZE;
  for (;;) {
    const candidate = numberToIpv4(RANGE_START + offset);
    const last = (RANGE_START + offset) % 256;
    if (last !== 0 && last !== 255 && !taken.has(candidate)) {
      addresses.set(key, candidate);
      return candidate;
    }
    offset = (offset + 1) % RANGE_SIZE;
  }
}

/** A stable private IP in `cidr` for `label`, past the four addresses AWS reserves at a subnet's start and before its broadcast. */
export function privateIpIn(cidr: string, label: string): string {
  const [base, bits] = cidr.split("/");
  const start = ipv4ToNumber(base ?? "") ?? 0;
  const size = 2 ** (32 - Number(bits ?? 32));
  return numberToIpv4(start + 4 + (hashOf(label) % Math.max(1, size - 5)));
}

import { isIP } from "node:net";

// Only globally routable unicast is "public"; everything IANA sets aside is not. Addresses embedding an IPv4 one
// (IPv4-mapped, NAT64, 6to4) are judged by it, so `::ffff:10.0.0.1` is as private as `10.0.0.1`.
export type AddressClass =
  "public" | "private" | "loopback" | "link-local" | "shared" | "unspecified" | "unique-local" | "multicast" | "documentation" | "reserved" | "invalid";

type Range4 = [base: string, bits: number, kind: AddressClass];

// RFC 6890 and the IANA IPv4 special-purpose registry; the first match wins.
const IPV4_RANGES: Range4[] = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "shared"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

function ipv4ToNumber(address: string): number {
  return address.split(".").reduce((value, octet) => value * 256 + Number(octet), 0);
}

const IPV4_TABLE = IPV4_RANGES.map(([base, bits, kind]) => ({ start: ipv4ToNumber(base), size: 2 ** (32 - bits), kind }));

function classifyIpv4(value: number): AddressClass {
  for (const range of IPV4_TABLE) if (value >= range.start && value < range.start + range.size) return range.kind;
  return "public";
}

/** Zone id dropped, embedded dotted IPv4 expanded. */
function ipv6Groups(address: string): number[] | null {
  let text = address.split("%")[0]!.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    if (isIP(dotted[1]!) !== 4) return null;
    const v4 = ipv4ToNumber(dotted[1]!);
    text = `${text.slice(0, dotted.index)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => Number.parseInt(group, 16)));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 0 : missing !== 0) return null;
  const groups = [...head, ...Array<number>(missing).fill(0), ...tail];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function classifyIpv6(groups: number[]): AddressClass {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  const embedded = ((g6 << 16) >>> 0) + g7;
  const zeroHead = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroHead && g5 === 0xffff) return classifyIpv4(embedded); // ::ffff:a.b.c.d, IPv4-mapped
  if (zeroHead && g5 === 0) {
    if (g6 === 0 && g7 === 0) return "unspecified"; // ::
    if (g6 === 0 && g7 === 1) return "loopback"; // ::1
    return "reserved"; // ::a.b.c.d, IPv4-compatible (deprecated)
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return classifyIpv4(embedded); // 64:ff9b::/96, NAT64
  if (g0 === 0x2002) return classifyIpv4(((g1 << 16) >>> 0) + g2); // 2002::/16, 6to4
  if (g0 === 0x2001 && g1 === 0x0db8) return "documentation"; // 2001:db8::/32
  if (g0 === 0x2001 && g1 < 0x0200) return "reserved"; // 2001::/23: Teredo, benchmarking, ORCHID...
  if ((g0 & 0xfe00) === 0xfc00) return "unique-local"; // fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return "link-local"; // fe80::/10
  if ((g0 & 0xff00) === 0xff00) return "multicast"; // ff00::/8
  if ((g0 & 0xe000) === 0x2000) return "public"; // 2000::/3, global unicast
  return "reserved"; // everything else is unassigned or special (100::/64, fec0::/10, ...)
}

export function classifyAddress(address: string): AddressClass {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  const version = isIP(bare.split("%")[0]!);
  if (version === 4) return classifyIpv4(ipv4ToNumber(bare));
  if (version === 6) {
    const groups = ipv6Groups(bare);
    return groups ? classifyIpv6(groups) : "invalid";
  }
  return "invalid";
}

export function isPublicAddress(address: string): boolean {
  return classifyAddress(address) === "public";
}

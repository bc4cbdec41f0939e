import { createSocket, type Socket } from "node:dgram";
import type { AddressInfo } from "node:net";
import dnsPacket from "dns-packet";

/**
 * The sandbox's DNS server (UDP): authoritative for vpce.amazonaws.com, for Resource endpoints'
 * association names (…vpc-lattice-rsc.<region>.on.aws) and for the private DNS names endpoints
 * enabled, no recursion. What a name
 * means is the data plane's business (`lookup`); this module only speaks the wire.
 */

export type NameAnswer = { kind: "addresses"; addresses: string[] } | { kind: "nxdomain" } | { kind: "refused" };

const NOERROR = 0;
const NXDOMAIN = 3;
const REFUSED = 5;
const TTL_S = 60;

export const VPCE_ZONE = "vpce.amazonaws.com";

export interface Resolver {
  host: string;
  port: number;
  close(): Promise<void>;
}

type Lookup = (name: string) => NameAnswer | Promise<NameAnswer>;

async function reply(query: Buffer, lookup: Lookup): Promise<Buffer | undefined> {
  let packet: dnsPacket.DecodedPacket;
  try {
    packet = dnsPacket.decode(query);
  } catch {
    return undefined;
  }
  if (packet.type !== "query") return undefined;
  const question = packet.questions?.[0];
  const flags = dnsPacket.AUTHORITATIVE_ANSWER | (packet.flag_rd ? dnsPacket.RECURSION_DESIRED : 0);
  if (!question) return dnsPacket.encode({ type: "response", id: packet.id, flags: flags | REFUSED, questions: [] });
  const answer = await lookup(question.name.toLowerCase().replace(/\.$/, ""));
  const rcode = answer.kind === "nxdomain" ? NXDOMAIN : answer.kind === "refused" ? REFUSED : NOERROR;
  // A name that exists answers A queries; any other type gets an empty NOERROR (NODATA), as Route 53 does.
  const answers =
    answer.kind === "addresses" && question.type === "A"
      ? answer.addresses.map((data) => ({ type: "A" as const, name: question.name, class: "IN" as const, ttl: TTL_S, data }))
      : [];
  return dnsPacket.encode({ type: "response", id: packet.id, flags: flags | rcode, questions: [question], answers });
}

export async function startResolver(host: string, port: number, lookup: Lookup): Promise<Resolver> {
  const socket: Socket = createSocket(host.includes(":") ? "udp6" : "udp4");
  socket.on("message", (message, from) => {
    reply(message, lookup).then(
      (answer) => answer && socket.send(answer, from.port, from.address),
      (error: unknown) => console.error("sandbox-aws: DNS resolver", error),
    );
  });
  socket.on("error", (error) => console.error("sandbox-aws: DNS resolver", error));
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(port, host, () => {
      socket.off("error", reject);
      resolve();
    });
  });
  const bound = socket.address() as AddressInfo;
  return { host, port: bound.port, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}

import dgram from "node:dgram";
import net from "node:net";
import dnsPacket from "dns-packet";

/** Loopback only: a DNS server answering A queries from `records` (any other name NXDOMAIN), as the VPC's resolver would. */
export async function startDns(records: Record<string, string[]>): Promise<{ server: string; close(): Promise<void> }> {
  const socket = dgram.createSocket("udp4");
  socket.on("message", (message, peer) => {
    const query = dnsPacket.decode(message);
    const question = query.questions?.[0];
    const addresses = question ? records[question.name.toLowerCase()] : undefined;
    const answer = dnsPacket.encode({
      type: "response",
      id: query.id,
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (addresses ? 0 : 3),
      questions: query.questions,
      answers: question?.type === "A" ? (addresses ?? []).map((data) => ({ type: "A" as const, name: question.name, ttl: 60, data })) : [],
    });
    socket.send(answer, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return { server: `127.0.0.1:${socket.address().port}`, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}

/** A UDP port on loopback with nothing bound to it: a resolver that does not answer. */
export async function silentResolver(): Promise<string> {
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

/** A TCP listener that accepts and holds the connection open, as a live service does; closed, the same address and port refuse. */
export async function startListener(host: string, port = 0): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket.on("error", () => {}).once("close", () => sockets.delete(socket)));
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen({ host, port }, resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the listener has no port");
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

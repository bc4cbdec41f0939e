import { execFileSync } from "node:child_process";
import dgram from "node:dgram";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import tls from "node:tls";
import { Worker } from "node:worker_threads";
import dnsPacket from "dns-packet";

/** Real servers on loopback for the probe's tests: a DNS server, TCP servers that accept, reset or never accept, TLS servers. */

export interface Closable {
  close(): Promise<void>;
}

/** Answers A queries from `records` (name -> addresses); any other name is NXDOMAIN. */
export async function startDns(records: Record<string, string[]>): Promise<Closable & { server: string }> {
  const socket = dgram.createSocket("udp4");
  socket.on("message", (message, peer) => {
    const query = dnsPacket.decode(message);
    const question = query.questions?.[0];
    const addresses = question ? records[question.name.toLowerCase()] : undefined;
    const NXDOMAIN = 3;
    const answer = dnsPacket.encode({
      type: "response",
      id: query.id,
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (addresses ? 0 : NXDOMAIN),
      questions: query.questions,
      answers: question?.type === "A" ? (addresses ?? []).map((data) => ({ type: "A" as const, name: question.name, ttl: 60, data })) : [],
    });
    socket.send(answer, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return { server: `127.0.0.1:${socket.address().port}`, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}

/** A TCP server; `onConnection` decides what each accepted socket gets (by default: nothing, it stays open). */
export async function startTcp(host: string, port: number, onConnection: (socket: net.Socket) => void = () => {}): Promise<Closable & { port: number }> {
  const server = net.createServer((socket) => {
    socket.on("error", () => {});
    onConnection(socket);
  });
  return listen(server, host, port);
}

export async function startTls(host: string, port: number, certificate: { key: string; cert: string }): Promise<Closable & { port: number }> {
  const server = tls.createServer(certificate, (socket) => socket.on("error", () => {}).end());
  server.on("tlsClientError", () => {});
  return listen(server, host, port);
}

async function listen(server: net.Server, host: string, port: number) {
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket: net.Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen({ host, port }, resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the server has no port");
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on `host` with nothing listening: bound, then released. */
export async function closedPort(host: string): Promise<number> {
  const server = await startTcp(host, 0);
  await server.close();
  return server.port;
}

/**
 * A socket that listens but never accepts, its accept queue full: connects to it time out as a
 * dropped SYN does. The listener lives in a worker whose thread is then blocked, so it never calls
 * accept(); two filler connections fill a backlog of 1 (Linux queues backlog + 1).
 */
export async function startBlackhole(host: string): Promise<Closable & { port: number }> {
  const lock = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
     const server = require("node:net").createServer();
     server.listen({ host: workerData.host, port: 0, backlog: 1 }, () => {
       parentPort.postMessage(server.address().port);
       Atomics.wait(workerData.lock, 0, 0);
     });`,
    { eval: true, workerData: { host, lock } },
  );
  const port = await new Promise<number>((resolve, reject) => worker.once("message", resolve).once("error", reject));
  const fillers = await Promise.all(
    [1, 2].map(
      () =>
        new Promise<net.Socket>((resolve, reject) => {
          const socket = net.connect({ host, port }, () => resolve(socket)).once("error", reject);
        }),
    ),
  );
  return {
    port,
    close: async () => {
      for (const socket of fillers) socket.destroy();
      Atomics.store(lock, 0, 1);
      Atomics.notify(lock, 0);
      await worker.terminate();
    },
  };
}

/** A self-signed certificate for `names` (empty: a common name only), valid from `notBefore` to `notAfter`, made by openssl. */
export function selfSigned(commonName: string, names: string[], notBefore: Date, notAfter: Date): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "probe-cert-"));
  const at = (file: string) => path.join(dir, file);
  const stamp = (date: Date) => `${date.toISOString().replace(/[-:T]/g, "").slice(0, 14)}Z`;
  try {
    writeFileSync(at("index.txt"), "");
    writeFileSync(
      at("ca.cnf"),
      `[ca]\ndefault_ca = self\n[self]\ndir = ${dir}\ndatabase = ${at("index.txt")}\nnew_certs_dir = ${dir}\nrand_serial = yes\n` +
        `default_md = sha256\npolicy = any\nunique_subject = no\ncopy_extensions = none\n[any]\ncommonName = supplied\n`,
    );
    writeFileSync(at("ext.cnf"), names.length > 0 ? `subjectAltName = ${names.map((name) => `DNS:${name}`).join(",")}\n` : "basicConstraints = CA:FALSE\n");
    const run = (args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
    run([
      "req",
      "-new",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      at("key.pem"),
      "-out",
      at("req.csr"),
      "-subj",
      `/CN=${commonName}`,
    ]);
    run(
      ["ca", "-batch", "-selfsign", "-notext", "-config", at("ca.cnf"), "-keyfile", at("key.pem"), "-in", at("req.csr"), "-out", at("cert.pem")].concat([
        "-startdate",
        stamp(notBefore),
        "-enddate",
        stamp(notAfter),
        "-extfile",
        at("ext.cnf"),
      ]),
    );
    return { key: readFileSync(at("key.pem"), "utf8"), cert: readFileSync(at("cert.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

import { createHash } from "node:crypto";
import { connect, type Socket } from "node:net";
import { Worker } from "node:worker_threads";

/**
 * Addresses whose SYNs must be dropped, so the client times out as it would against AWS. A socket
 * listens with a backlog of 1 in a worker thread that then blocks on Atomics.wait: its event loop
 * never runs, so it never accepts; two filler connections of ours fill its accept queue, and the
 * kernel drops every SYN after them. Sockets are spread over a few workers (by address), each
 * restarted with its new set when that set changes, so the cost stays bounded whatever the fleet.
 */

const SHARDS = 4;
const FILLERS = 2;

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const net = require("node:net");
const flag = new Int32Array(workerData.signal);
const bound = [];
const failed = [];
let pending = workerData.sockets.length;
const settle = () => {
  if (--pending > 0) return;
  parentPort.postMessage({ bound, failed });
  Atomics.wait(flag, 0, 0);
  process.exit(0);
};
for (const { host, port } of workerData.sockets) {
  const server = net.createServer();
  server.once("error", (error) => { failed.push({ host, port, code: error.code }); settle(); });
  server.listen({ host, port, backlog: 1 }, () => { bound.push({ host, port }); settle(); });
}
`;

export interface SocketAddress {
  host: string;
  port: number;
}

export const socketKey = ({ host, port }: SocketAddress) => `${host}:${port}`;

interface Holder {
  worker: Worker;
  signal: Int32Array;
  fillers: Socket[];
  bound: Set<string>;
}

interface Shard {
  keys: Set<string>;
  holder?: Holder;
  work: Promise<void>;
}

function fill(address: SocketAddress): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(address);
    socket.on("error", () => undefined);
    socket.once("connect", () => resolve(socket));
    socket.once("close", () => resolve(socket));
  });
}

export class DropSockets {
  private readonly shards: Shard[] = Array.from({ length: SHARDS }, () => ({ keys: new Set<string>(), work: Promise.resolve() }));

  constructor(private readonly onBindFailure: (address: SocketAddress, code: string) => void) {}

  private shardOf(host: string): Shard {
    return this.shards[createHash("sha1").update(host).digest().readUInt8(0) % SHARDS]!;
  }

  /** Holds exactly these addresses from now on; resolves once every changed worker is in place. */
  async set(addresses: SocketAddress[]): Promise<void> {
    const wanted = new Map<Shard, SocketAddress[]>(this.shards.map((s) => [s, []]));
    for (const address of addresses) wanted.get(this.shardOf(address.host))!.push(address);
    await Promise.all(
      [...wanted].map(([shard, list]) => {
        const keys = new Set(list.map(socketKey));
        if (keys.size === shard.keys.size && [...keys].every((k) => shard.keys.has(k))) return shard.work;
        shard.keys = keys;
        shard.work = shard.work
          .then(() => this.restart(shard, list))
          .catch((error: unknown) => console.error("sandbox-aws: data plane: a drop worker failed", error));
        return shard.work;
      }),
    );
  }

  /** What is held now (bound and filled), by `host:port`. */
  held(): Set<string> {
    return new Set(this.shards.flatMap((s) => [...(s.holder?.bound ?? [])]));
  }

  private async restart(shard: Shard, list: SocketAddress[]): Promise<void> {
    if (shard.holder) await release(shard.holder);
    shard.holder = undefined;
    if (list.length === 0) return;
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sockets: list, signal: signal.buffer } });
    worker.unref();
    const report = await new Promise<{ bound: SocketAddress[]; failed: (SocketAddress & { code: string })[] }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    for (const failure of report.failed) this.onBindFailure(failure, failure.code);
    const fillers = await Promise.all(report.bound.flatMap((address) => Array.from({ length: FILLERS }, () => fill(address))));
    shard.holder = { worker, signal, fillers, bound: new Set(report.bound.map(socketKey)) };
  }

  async close(): Promise<void> {
    await this.set([]);
  }
}

async function release(holder: Holder): Promise<void> {
  const exited = new Promise<void>((resolve) => holder.worker.once("exit", () => resolve()));
  Atomics.store(holder.signal, 0, 1);
  Atomics.notify(holder.signal, 0);
  await exited;
  for (const filler of holder.fillers) filler.destroy();
}

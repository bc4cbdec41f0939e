import net from "node:net";
import { performance } from "node:perf_hooks";
import tls from "node:tls";
import type { X509Certificate } from "node:crypto";
import { certificateNames, nameCovers } from "./names";
import type { ProbePort } from "./schemas";

/** One port of one address: connect, wait out the settle window, then (TLS ports) a handshake; docs/CONNECTIVITY.md. */

export interface PortProbe {
  address: string;
  port: number;
  /** The name the certificate must hold; null: not a TLS port. */
  tlsServerName: string | null;
  timeoutMs: number;
  settleMs: number;
  now: () => Date;
}

type Tls = NonNullable<ProbePort["tls"]>;

/** Resolves once every socket it opened is closed, so a budget slot held around it covers the socket's whole life. */
export async function probePort(probe: PortProbe): Promise<ProbePort> {
  // Every outcome is read by the listeners below; this one only keeps a late error (a reset after
  // the verdict) from being thrown as unhandled.
  const socket = net.connect({ host: probe.address, port: probe.port }).on("error", ignore);
  let tlsSocket: tls.TLSSocket | null = null;
  try {
    const opened = await connected(socket, probe.timeoutMs);
    const base = { port: probe.port, tls: null };
    if ("result" in opened) return { ...base, ...opened, connectMs: null };
    const { connectMs } = opened;
    const dropped = await settled(socket, probe.settleMs);
    if (dropped) return { ...base, result: "reset", connectMs, detail: dropped };
    if (probe.tlsServerName === null) return { ...base, result: "ok", connectMs, detail: null };
    tlsSocket = tls
      .connect({ socket, servername: net.isIP(probe.tlsServerName) ? undefined : probe.tlsServerName, rejectUnauthorized: false })
      .on("error", ignore);
    const shaken = await handshake(tlsSocket, probe.timeoutMs);
    if (typeof shaken === "string") {
      return { ...base, result: "tls_error", connectMs, detail: shaken, tls: { names: [], notAfter: null, failure: "handshake_failed" } };
    }
    const { tls: seen, problems } = certificateCheck(shaken, probe.tlsServerName, probe.now());
    return { ...base, result: seen.failure ? "tls_error" : "ok", connectMs, detail: problems.join("; ") || null, tls: seen };
  } finally {
    if (tlsSocket) await close(tlsSocket);
    await close(socket);
  }
}

type Connected = { connectMs: number } | { result: "refused" | "reset" | "timeout"; detail: string };

/** EHOSTUNREACH and the like count as a timeout: as with a dropped SYN, nothing on the path answered. */
function connected(socket: net.Socket, timeoutMs: number): Promise<Connected> {
  const started = performance.now();
  return new Promise((resolve) => {
    const cancel = deadline(timeoutMs, () => resolve({ result: "timeout", detail: `no answer within ${timeoutMs} ms` }));
    socket.once("connect", () => {
      cancel();
      socket.off("error", onError);
      resolve({ connectMs: Math.round((performance.now() - started) * 10) / 10 });
    });
    const onError = (error: NodeJS.ErrnoException) => {
      cancel();
      if (error.code === "ECONNREFUSED") resolve({ result: "refused", detail: "ECONNREFUSED: the connection was refused" });
      // The handshake completed and the peer reset before we saw it complete: the same reset as in `settled`.
      else if (error.code === "ECONNRESET" || error.code === "EPIPE")
        resolve({ result: "reset", detail: `${error.code}: reset by the peer right after connect` });
      else resolve({ result: "timeout", detail: error.code ?? error.message });
    };
    socket.once("error", onError);
  });
}

/**
 * An NLB that sends a client to an unhealthy target, or a proxy that cannot reach its backend,
 * accepts the connection and then resets (or closes) it at once: a connection that ends within
 * `settleMs` of opening is `reset`, not `ok`. Bytes from the server end the wait early (a server
 * that speaks first is alive).
 */
function settled(socket: net.Socket, settleMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const finish = (dropped: string | null) => {
      cancel();
      socket.off("error", onError).off("end", onEnd).off("close", onEnd).off("data", onData);
      socket.pause();
      resolve(dropped);
    };
    const onError = (error: NodeJS.ErrnoException) => finish(`${error.code ?? error.message}: reset by the peer right after connect`);
    const onEnd = () => finish("closed by the peer right after connect");
    const onData = () => finish(null);
    const cancel = deadline(settleMs, () => finish(null));
    socket.on("error", onError).on("end", onEnd).on("close", onEnd).on("data", onData);
  });
}

/** The peer's certificate, or why the handshake failed (an alert, EOF, a reset, silence). */
function handshake(socket: tls.TLSSocket, timeoutMs: number): Promise<X509Certificate | string> {
  return new Promise((resolve) => {
    const finish = (outcome: X509Certificate | string) => {
      cancel();
      socket.off("secureConnect", onSecure).off("error", onError).off("close", onClose);
      resolve(outcome);
    };
    const onSecure = () => finish(socket.getPeerX509Certificate() ?? "the server sent no certificate");
    const onError = (error: NodeJS.ErrnoException) => finish(error.code ? `${error.code}: ${error.message}` : error.message);
    const onClose = () => finish("closed by the peer during the TLS handshake");
    const cancel = deadline(timeoutMs, () => finish(`no TLS answer within ${timeoutMs} ms`));
    socket.on("secureConnect", onSecure).on("error", onError).on("close", onClose);
  });
}

/** Names first (the wrong certificate altogether), then dates; `problems` names every one found. */
export function certificateCheck(certificate: X509Certificate, serverName: string, now: Date): { tls: Tls; problems: string[] } {
  const names = certificateNames(certificate.subjectAltName, certificate.subject);
  const problems: string[] = [];
  const failures: Tls["failure"][] = [];
  if (!names.some((name) => nameCovers(name, serverName))) {
    failures.push("name_mismatch");
    problems.push(`the certificate names ${names.join(", ") || "nothing"}, not ${serverName}`);
  }
  if (now < certificate.validFromDate) {
    failures.push("not_yet_valid");
    problems.push(`the certificate is valid only from ${certificate.validFromDate.toISOString()}`);
  }
  if (now > certificate.validToDate) {
    failures.push("expired");
    problems.push(`the certificate expired at ${certificate.validToDate.toISOString()}`);
  }
  return { tls: { names, notAfter: certificate.validToDate.toISOString(), failure: failures[0] ?? null }, problems };
}

/**
 * Calls `expire` after `ms`, but only once the I/O already waiting has been read: timers run
 * before the poll phase, so a process that was descheduled would otherwise call a connection
 * that opened (or a reset that arrived) in time a timeout. Cancelling stops both steps.
 */
function deadline(ms: number, expire: () => void): () => void {
  let immediate: NodeJS.Immediate | null = null;
  const timer = setTimeout(() => (immediate = setImmediate(expire)), ms);
  return () => {
    clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
  };
}

function ignore(): void {}

async function close(socket: net.Socket): Promise<void> {
  if (socket.closed) return;
  const closed = new Promise((resolve) => socket.once("close", resolve));
  socket.destroy();
  await closed;
}

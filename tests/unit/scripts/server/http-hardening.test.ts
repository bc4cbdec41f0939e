import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { METHOD_HEADER as ROUTES_READ } from "@/lib/api/methods";
import { decodablePath, hardenServer, METHOD_HEADER } from "@/scripts/server/http-hardening.mjs";

/** A hardened server on 127.0.0.1 that echoes what its request listener saw. */
let server: http.Server;
let port = 0;

beforeAll(async () => {
  server = hardenServer(
    http.createServer((request, response) => {
      response.setHeader("content-type", "application/json");
      response.end(
        JSON.stringify({
          method: request.method,
          url: request.url,
          forwardedFor: request.headers["x-forwarded-for"] ?? null,
          unsupported: request.headers[METHOD_HEADER] ?? null,
        }),
      );
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends raw bytes and resolves with the whole answer once the server closes or answers. */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(request));
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString("utf8");
      if (/\r\n\r\n[\s\S]*\}$/.test(answer)) socket.end();
    });
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)) as Record<string, unknown>;

describe("the hardened Node HTTP server", () => {
  it("appends the connection's address to X-Forwarded-For, keeping what the client wrote before it", async () => {
    const spoofed = bodyOf(await raw("GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.9\r\nConnection: close\r\n\r\n"));
    expect(spoofed.forwardedFor).toBe("203.0.113.9, 127.0.0.1");
    expect(bodyOf(await raw("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).forwardedFor).toBe("127.0.0.1");
  });

  it("hands a method Next does not route over as OPTIONS naming it, and drops a client's own copy of that header", async () => {
    expect(METHOD_HEADER).toBe(ROUTES_READ);
    expect(bodyOf(await raw(`TRACE /api/v1/links HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`))).toMatchObject({
      method: "OPTIONS",
      unsupported: "TRACE",
    });
    expect(bodyOf(await raw(`GET / HTTP/1.1\r\nHost: x\r\n${METHOD_HEADER}: TRACE\r\nConnection: close\r\n\r\n`))).toMatchObject({
      method: "GET",
      unsupported: null,
    });
  });

  it("escapes the stray % of a path segment that does not decode", async () => {
    expect(bodyOf(await raw("GET /api/v1/links/%ZZ?cursor=%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).url).toBe("/api/v1/links/%25ZZ?cursor=%ZZ");
    expect(decodablePath("/a/%E0%A4%A/b%20c")).toBe("/a/%25E0%25A4%25A/b%20c");
    expect(decodablePath("/links/%C0%AF")).toBe("/links/%25C0%25AF");
    expect(decodablePath("/fine/%20/ok")).toBe("/fine/%20/ok");
  });

  it.each([
    ["an unknown method", "FOO / HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad_request"],
    ["a malformed header", "GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n", 400, "bad_request"],
    ["headers too large", `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`, 431, "headers_too_large"],
    ["CONNECT", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", 405, "method_not_allowed"],
  ])("answers %s with problem+json instead of Node's bare text", async (_, request, status, code) => {
    const answer = await raw(request);
    expect(answer.split("\r\n")[0]).toBe(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}`);
    expect(answer).toMatch(/\r\ncontent-type: application\/problem\+json\r\n/);
    expect(answer).toMatch(/\r\nx-content-type-options: nosniff\r\n/);
    expect(bodyOf(answer)).toMatchObject({ status, code, requestId: expect.any(String) });
  });
});

describe("a body still arriving when the answer closes the connection", () => {
  /** Reads a body up to 64 KiB, then answers 413 and stops reading, as the app does. */
  const refusing = () =>
    http.createServer((request, response) => {
      let size = 0;
      request.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= 64 * 1024 || response.headersSent) return;
        request.pause();
        response.writeHead(413, { "content-type": "application/problem+json", connection: "close" });
        response.end('{"status":413}');
      });
    });

  it("closes lingering: after the answer, what the client still sends is read, not met with a reset", async () => {
    const target = hardenServer(refusing());
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    try {
      const { port: at } = target.address() as net.AddressInfo;
      const socket = net.connect({ port: at, host: "127.0.0.1", allowHalfOpen: true });
      const answer = new Promise<string>((resolve) => {
        let text = "";
        socket.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
        socket.on("end", () => resolve(text));
      });
      const write = (data: string | Buffer) => new Promise<void>((resolve, reject) => socket.write(data, (error) => (error ? reject(error) : resolve())));
      await write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n");
      await write(Buffer.alloc(128 * 1024, "x"));
      expect((await answer).split("\r\n")[0]).toBe("HTTP/1.1 413 Payload Too Large");
      // The server has shut its side; a client still sending its body must not be reset.
      for (let i = 0; i < 64; i++) await write(Buffer.alloc(16 * 1024, "x"));
      socket.destroy();
    } finally {
      await new Promise((resolve) => target.close(resolve));
    }
  });
});

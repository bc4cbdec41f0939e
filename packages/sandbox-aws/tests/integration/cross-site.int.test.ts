import { request as httpRequest } from "node:http";
import { DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { withSandbox } from "../fixtures/sandbox";
import { clientsOf, CUSTOMER_A, trustPolicy, VENDOR } from "../../src/testing";

/**
 * A web page must not reach the sandbox: not by DNS rebinding (its own name resolving to 127.0.0.1,
 * so the request carries that name as Host), nor by a cross-site request from the browser (a form or
 * a text/plain fetch, which needs no preflight). The SDK and the portal's own calls still work.
 */

const sandbox = withSandbox();

type Answer = { status: number; body: string };

/** A raw request over loopback with exactly these headers (fetch would not let a test set Host). */
function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const url = new URL(sandbox().url);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: url.hostname, port: url.port, method, path, headers: { host: url.host, ...headers } }, (incoming) => {
      let text = "";
      incoming.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, body: text }));
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

async function roleCount(): Promise<number> {
  return sandbox().state.roles.size;
}

describe("sandbox: only loopback names as Host", () => {
  it.each(["evil.example", "evil.example:4566", "attacker.test:80", "10.0.0.5:4566", "127.0.0.1.evil.example", "localhost.evil.example:4566"])(
    "refuses Host %s with 403 JSON, /_sandbox/ and AWS calls alike",
    async (host) => {
      const accounts = await send("GET", "/_sandbox/accounts", { host });
      expect(accounts.status).toBe(403);
      expect(JSON.parse(accounts.body)).toMatchObject({ error: expect.stringContaining("Host") });
      expect(accounts.body).not.toContain(VENDOR.secretAccessKey);
      const aws = await send("POST", "/", { host, "content-type": "application/x-www-form-urlencoded" }, "Action=GetCallerIdentity&Version=2011-06-15");
      expect(aws.status).toBe(403);
      expect(JSON.parse(aws.body)).toMatchObject({ error: expect.any(String) });
    },
  );

  it("answers the loopback names, with or without a port, in any case", async () => {
    const { port } = sandbox();
    for (const host of [`127.0.0.1:${port}`, "127.0.0.1", `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect((await send("GET", "/_sandbox/health", { host })).status, host).toBe(200);
    }
  });
});

describe("sandbox: no cross-site requests to /_sandbox/", () => {
  const json = { "content-type": "application/json" };

  it.each([
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["an opaque Origin (null)", { origin: "null" }],
    ["a loopback name over another scheme", { origin: "file://localhost" }],
    ["Sec-Fetch-Site cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site same-site", { "sec-fetch-site": "same-site" }],
  ])("refuses %s with 403, reads and writes alike", async (_, headers) => {
    const read = await send("GET", "/_sandbox/accounts", headers);
    expect(read.status).toBe(403);
    expect(read.body).not.toContain(CUSTOMER_A.secretAccessKey);
    await clientsOf(sandbox(), VENDOR).iam.send(new CreateRoleCommand({ RoleName: `kept-${Date.now()}`, AssumeRolePolicyDocument: trustPolicy("*") }));
    const before = await roleCount();
    const reset = await send("POST", "/_sandbox/reset", { ...json, ...headers }, "{}");
    expect(reset.status).toBe(403);
    expect(await roleCount()).toBe(before);
  });

  it.each([
    ["text/plain", "text/plain;charset=UTF-8"],
    ["a form", "application/x-www-form-urlencoded"],
    ["multipart", "multipart/form-data; boundary=x"],
    ["no content type", undefined],
  ])("refuses a write sent as %s (what a page can post without a preflight) with 415", async (_, contentType) => {
    await clientsOf(sandbox(), VENDOR).iam.send(new CreateRoleCommand({ RoleName: `kept-${Date.now()}`, AssumeRolePolicyDocument: trustPolicy("*") }));
    const before = await roleCount();
    const headers: Record<string, string> = contentType ? { "content-type": contentType } : {};
    const reset = await send("POST", "/_sandbox/reset", headers, "{}");
    expect(reset.status).toBe(415);
    expect(JSON.parse(reset.body)).toMatchObject({ error: expect.stringContaining("application/json") });
    expect(await roleCount()).toBe(before);
    expect((await send("POST", "/_sandbox/accounts", headers, JSON.stringify({ owner: "page" }))).status).toBe(415);
  });

  it("still answers a loopback origin, a same-origin or user-initiated fetch, and JSON writes", async () => {
    const { port } = sandbox();
    const fine: Record<string, string>[] = [
      { origin: `http://127.0.0.1:${port}` },
      { origin: `http://localhost:${port}` },
      { "sec-fetch-site": "same-origin" },
      { "sec-fetch-site": "none" },
    ];
    for (const headers of fine) {
      expect((await send("GET", "/_sandbox/accounts", headers)).status, JSON.stringify(headers)).toBe(200);
    }
    expect((await send("POST", "/_sandbox/config", { ...json, origin: `http://127.0.0.1:${port}` }, "{}")).status).toBe(200);
    expect((await send("POST", "/_sandbox/clock", { "content-type": "application/json; charset=utf-8" }, JSON.stringify({ advanceMs: 0 }))).status).toBe(200);
  });
});

describe("sandbox: what the SDK and the portal send still works", () => {
  it("answers the SDK's signed calls (Host is the endpoint's)", async () => {
    const vendor = clientsOf(sandbox(), VENDOR);
    expect((await vendor.sts.send(new GetCallerIdentityCommand({}))).Account).toBe(VENDOR.accountId);
    expect((await vendor.ec2.send(new DescribeVpcsCommand({}))).Vpcs?.length).toBe(1);
  });

  it("answers the portal's server-side fetches: reading the accounts and making one", async () => {
    const listed = await fetch(`${sandbox().url}/_sandbox/accounts`);
    expect(listed.status).toBe(200);
    const made = await fetch(`${sandbox().url}/_sandbox/accounts`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ owner: "organization:cross-site-test" }),
    });
    expect(made.status).toBe(201);
  });
});

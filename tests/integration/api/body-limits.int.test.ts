import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as nextAuth } from "@/app/api/auth/[...nextauth]/route";
import { POST as signUp } from "@/app/api/v1/sign-up/route";
import { BODY_TIMEOUT_MS } from "@/lib/api/route";
import { createOrganizationWithKey, withLinkEngine } from "../fixtures/app";
import { HANDLERS } from "./api-helpers";

/**
 * One body limit for every route that reads a body: a declared Content-Length over 64 KiB is a
 * 413 before anything is read, a streamed body is a 413 as soon as it passes 64 KiB (the rest is
 * never pulled), and a body that stops arriving is a 408 instead of a request left hanging.
 */
withLinkEngine();
let key = "";

beforeAll(async () => {
  ({ key } = await createOrganizationWithKey());
});

type Handler = (request: Request, segment: { params: Promise<Record<string, unknown>> }) => Promise<Response>;

/** A 16 MiB JSON body, streamed in 16 KiB chunks; `pulled()` says how many the server read. */
function endlessBody() {
  const chunk = new TextEncoder().encode(`"${"x".repeat(16 * 1024)}",`);
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 1;
      if (pulled > 1024) controller.close();
      else controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

const ROUTES: { name: string; handler: () => Handler; url: string; headers: () => Record<string, string>; params?: Record<string, unknown> }[] = [
  {
    name: "POST /api/v1/sign-up (no credentials needed)",
    handler: () => signUp as unknown as Handler,
    url: "http://localhost/api/v1/sign-up",
    headers: () => ({}),
  },
  {
    name: "POST /api/v1/links",
    handler: () => HANDLERS.createLink as Handler,
    url: "http://localhost/api/v1/links",
    headers: () => ({ authorization: `Bearer ${key}` }),
  },
  {
    name: "POST /api/v1/webhooks with an Idempotency-Key",
    handler: () => HANDLERS.createWebhook as Handler,
    url: "http://localhost/api/v1/webhooks",
    headers: () => ({ authorization: `Bearer ${key}`, "idempotency-key": crypto.randomUUID() }),
  },
  {
    name: "POST /api/auth/callback/credentials (next-auth)",
    handler: () => nextAuth as unknown as Handler,
    url: "http://localhost/api/auth/callback/credentials",
    headers: () => ({}),
    params: { nextauth: ["callback", "credentials"] },
  },
];

describe.each(ROUTES)("$name", ({ handler, url, headers, params = {} }) => {
  const send = (body: BodyInit, extra: Record<string, string> = {}) =>
    handler()(
      new NextRequest(url, { method: "POST", headers: { "content-type": "application/json", ...headers(), ...extra }, body, duplex: "half" } as never),
      { params: Promise.resolve(params) },
    );

  it("stops reading a streamed body at 64 KiB and answers 413", async () => {
    const body = endlessBody();
    const response = await send(body.stream);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: "payload_too_large", status: 413 });
    expect(body.pulled()).toBeLessThan(10); // far short of 16 MiB
  });

  it("answers a declared Content-Length over the limit with 413 without reading", async () => {
    const body = endlessBody();
    const response = await send(body.stream, { "content-length": "1000000000" });
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(1);
  });
});

describe("a body that stops arriving", () => {
  it(
    `is a 408 after ${BODY_TIMEOUT_MS / 1000} s, not a request left hanging`,
    async () => {
      const stalled = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"name"')); // 7 of the 100 bytes declared, then nothing
        },
      });
      const request = new NextRequest("http://localhost/api/v1/sign-up", {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": "100" },
        body: stalled,
        duplex: "half",
      } as never);
      const response = await signUp(request, { params: Promise.resolve({}) } as never);
      expect(response.status).toBe(408);
      expect(await response.json()).toMatchObject({ code: "request_timeout", status: 408 });
    },
    BODY_TIMEOUT_MS * 3,
  );
});

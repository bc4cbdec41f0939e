import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { LOG_REDACTIONS } from "@/lib/logger";

describe("logs", () => {
  it("never carry passwords, tokens, keys or cookies", () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const log = pino({ redact: LOG_REDACTIONS }, sink);
    log.info(
      {
        password: "hunter2hunter2",
        user: { passwordHash: "scrypt$x", email: "a@b.co" },
        headers: { authorization: "Bearer plk_x", cookie: "session=abc" },
        key: "plk_secret",
      },
      "request",
    );
    const text = lines.join("");
    for (const secret of ["hunter2hunter2", "scrypt$x", "Bearer plk_x", "session=abc", "plk_secret"]) expect(text).not.toContain(secret);
    expect(text).toContain("a@b.co");
    expect(JSON.parse(text).password).toBe("[redacted]");
  });
});

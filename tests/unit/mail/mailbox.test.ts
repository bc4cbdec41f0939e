import { describe, expect, it } from "vitest";
import { isLoopbackHost, parseEnv } from "@/lib/env";
import { mailboxAccess } from "@/lib/mail/mailbox";

describe("who may read /dev/mail", () => {
  it("anyone under npm run dev, only vendor admins of a loopback npm start, nobody with SMTP_URL or off loopback", () => {
    expect(mailboxAccess(parseEnv({ NODE_ENV: "development" }))).toBe("anyone");
    expect(mailboxAccess(parseEnv({ NODE_ENV: "production" }))).toBe("admins");
    expect(mailboxAccess(parseEnv({ NODE_ENV: "production", HOST: "0.0.0.0" }))).toBe("nobody");
    expect(mailboxAccess(parseEnv({ NODE_ENV: "development", SMTP_URL: "smtps://u:p@smtp.example.com:465" }))).toBe("nobody");
  });

  it("counts only this machine's names as loopback", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]", " LOCALHOST "]) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ["0.0.0.0", "127.0.0.256", "10.0.0.1", "::", "example.com", "127.0.0.1.example.com"]) expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe("mail settings", () => {
  it("takes smtp:// and smtps:// URLs only, and an address to send as", () => {
    expect(parseEnv({ SMTP_URL: "smtps://user:pass@smtp.example.com:465" }).SMTP_URL).toBe("smtps://user:pass@smtp.example.com:465");
    expect(() => parseEnv({ SMTP_URL: "https://smtp.example.com" })).toThrow(/SMTP_URL: expected an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => parseEnv({ MAIL_FROM: "nobody" })).toThrow(/MAIL_FROM/);
    expect(parseEnv({}).MAIL_FROM).toBe("privatelink-portal <no-reply@localhost>");
    expect(parseEnv({ MAIL_RECEIVER_PORT: "0" }).MAIL_RECEIVER_PORT).toBe(0);
  });
});

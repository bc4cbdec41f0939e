import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  assertWebhookUrlAllowed,
  parseWebhookUrl,
  resolveWebhookHost,
  UnsafeUrlError,
  webhookUrlPolicyFromEnv,
  type Resolver,
} from "@/lib/webhooks/url-policy";

const strict = { requireHttps: true, allowPrivateAddresses: false };
const local = { requireHttps: false, allowPrivateAddresses: true };

/** A resolver answering from a table; never the network. */
function resolverOf(table: Record<string, string[]>): Resolver {
  return async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
}

const dns = resolverOf({
  "hooks.example.com": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
  "internal.example.com": ["10.1.2.3"],
  "metadata.example.com": ["169.254.169.254"],
  "mixed.example.com": ["93.184.216.34", "192.168.1.10"],
  "mapped.example.com": ["::ffff:127.0.0.1"],
  "ula.example.com": ["fd00::5"],
  "empty.example.com": [],
  "v6first.example.com": ["2606:2800:220:1::1", "93.184.216.34"],
  "v6only.example.com": ["2606:2800:220:1::1"],
});

describe("webhook URL policy", () => {
  it("is safe by default whatever NODE_ENV says; only WEBHOOK_ALLOW_PRIVATE_URLS=true relaxes it", () => {
    for (const NODE_ENV of [undefined, "development", "test", "production"]) {
      expect(webhookUrlPolicyFromEnv(parseEnv({ NODE_ENV }))).toEqual(strict);
      expect(webhookUrlPolicyFromEnv(parseEnv({ NODE_ENV, WEBHOOK_ALLOW_PRIVATE_URLS: "false" }))).toEqual(strict);
      expect(webhookUrlPolicyFromEnv(parseEnv({ NODE_ENV, WEBHOOK_ALLOW_PRIVATE_URLS: "true" }))).toEqual(local);
    }
  });

  it.each([
    ["not a url", strict],
    ["ftp://hooks.example.com/x", local],
    ["http://hooks.example.com/x", strict],
    ["https://user:pass@hooks.example.com/x", strict],
    ["https://hooks.example.com/x#frag", strict],
  ])("refuses the shape of %s", (url, policy) => {
    expect(() => parseWebhookUrl(url, policy)).toThrow(UnsafeUrlError);
  });

  it("accepts https by default, and http where local receivers are allowed", () => {
    expect(parseWebhookUrl("https://hooks.example.com/in", strict).hostname).toBe("hooks.example.com");
    expect(parseWebhookUrl("http://127.0.0.1:8080/in", local).port).toBe("8080");
  });

  it.each([
    ["internal.example.com", "10.1.2.3"],
    ["metadata.example.com", "169.254.169.254"],
    ["mixed.example.com", "192.168.1.10"],
    ["mapped.example.com", "::ffff:127.0.0.1"],
    ["ula.example.com", "fd00::5"],
    ["127.0.0.1", "127.0.0.1"],
    ["::1", "::1"],
    ["169.254.169.254", "169.254.169.254"],
  ])("by default refuses %s (resolves to %s)", async (host, address) => {
    await expect(resolveWebhookHost(host, strict, dns)).rejects.toThrow(address);
  });

  it("by default accepts a name whose every address is public, and connects to an IPv4 one when there is one", async () => {
    expect(await resolveWebhookHost("hooks.example.com", strict, dns)).toEqual({ address: "93.184.216.34", family: 4 });
    expect(await resolveWebhookHost("v6first.example.com", strict, dns)).toEqual({ address: "93.184.216.34", family: 4 });
    expect(await resolveWebhookHost("v6only.example.com", strict, dns)).toEqual({ address: "2606:2800:220:1::1", family: 6 });
    expect(await resolveWebhookHost("8.8.8.8", strict, dns)).toEqual({ address: "8.8.8.8", family: 4 });
  });

  it("with local receivers allowed, accepts loopback and private addresses", async () => {
    expect(await resolveWebhookHost("127.0.0.1", local, dns)).toEqual({ address: "127.0.0.1", family: 4 });
    expect(await resolveWebhookHost("internal.example.com", local, dns)).toEqual({ address: "10.1.2.3", family: 4 });
  });

  it("refuses names that do not resolve", async () => {
    await expect(resolveWebhookHost("nowhere.example.com", local, dns)).rejects.toThrow(/does not resolve \(ENOTFOUND\)/);
    await expect(resolveWebhookHost("empty.example.com", local, dns)).rejects.toThrow(/does not resolve/);
  });

  it("reports a refused URL at registration as a 422 on the url field", async () => {
    const error = await assertWebhookUrlAllowed("https://[::ffff:10.0.0.1]/hook", strict, dns).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "validation_failed", invalidParams: [{ name: "url" }] });
    expect((await assertWebhookUrlAllowed("https://hooks.example.com/hook", strict, dns)).toString()).toBe("https://hooks.example.com/hook");
  });
});

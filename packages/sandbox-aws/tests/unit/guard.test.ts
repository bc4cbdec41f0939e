import { describe, expect, it } from "vitest";
import { allowedHostNames, hostNameOf, refusal } from "../../src/guard";

describe("the sandbox's Host and cross-site guard", () => {
  it("admits the loopback names, plus the bind address when it names one host (never a wildcard)", () => {
    expect([...allowedHostNames("127.0.0.1")].sort()).toEqual(["127.0.0.1", "[::1]", "localhost"]);
    expect(allowedHostNames("0.0.0.0")).toEqual(allowedHostNames("127.0.0.1"));
    expect(allowedHostNames("::")).toEqual(allowedHostNames("127.0.0.1"));
    expect(allowedHostNames("Sandbox.Internal").has("sandbox.internal")).toBe(true);
    expect(allowedHostNames("::1").has("[::1]")).toBe(true);
    expect(allowedHostNames("fd00::5").has("[fd00::5]")).toBe(true);
  });

  it("reads the name out of a Host header, and nothing out of a malformed one", () => {
    expect(hostNameOf("LocalHost:4566")).toBe("localhost");
    expect(hostNameOf("[::1]:4566")).toBe("[::1]");
    expect(hostNameOf("127.0.0.1")).toBe("127.0.0.1");
    for (const bad of [undefined, "", "a:b:c", "host:port", "[::1", "::1"]) expect(hostNameOf(bad), String(bad)).toBeUndefined();
  });

  it("serves the configured host by name, and its origin", () => {
    const names = allowedHostNames("sandbox.internal");
    expect(refusal("GET", "/_sandbox/accounts", { host: "sandbox.internal:4566", origin: "http://sandbox.internal:4566" }, names)).toBeUndefined();
    expect(refusal("GET", "/_sandbox/accounts", { host: "other.internal:4566" }, names)).toMatchObject({ status: 403 });
  });

  it("asks JSON of /_sandbox/ writes only: AWS calls are form-encoded", () => {
    const names = allowedHostNames(undefined);
    const form = { host: "127.0.0.1:4566", "content-type": "application/x-www-form-urlencoded" };
    expect(refusal("POST", "/", form, names)).toBeUndefined();
    expect(refusal("POST", "/_sandbox/faults", form, names)).toMatchObject({ status: 415 });
    expect(refusal("DELETE", "/_sandbox/faults", { host: "127.0.0.1:4566" }, names)).toMatchObject({ status: 415 });
    expect(refusal("GET", "/_sandbox/faults", { host: "127.0.0.1:4566" }, names)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { classifyAddress, isPublicAddress } from "@/lib/address-class";

describe("classifyAddress", () => {
  it.each([
    // IPv4 private, loopback, link-local, shared, "this network"
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.254", "private"],
    ["192.168.0.1", "private"],
    ["192.168.255.255", "private"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["169.254.169.254", "link-local"],
    ["169.254.0.1", "link-local"],
    ["100.64.0.1", "shared"],
    ["100.127.255.255", "shared"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    // other special-purpose IPv4
    ["192.0.0.8", "reserved"],
    ["192.0.2.10", "documentation"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.99", "documentation"],
    ["198.18.0.1", "reserved"],
    ["198.19.255.255", "reserved"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "reserved"],
    // IPv6
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["fc00::1", "unique-local"],
    ["fd12:3456:789a::1", "unique-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf:ffff::1", "link-local"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "documentation"],
    ["2001::1", "reserved"],
    ["100::1", "reserved"],
    ["fec0::1", "reserved"],
    ["::10.0.0.1", "reserved"],
    // IPv4 inside IPv6 is judged by the IPv4 address
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:169.254.169.254", "link-local"],
    ["::ffff:a00:1", "private"],
    ["::ffff:7f00:1", "loopback"],
    ["0:0:0:0:0:ffff:192.168.1.1", "private"],
    ["::ffff:8.8.8.8", "public"],
    ["64:ff9b::10.0.0.1", "private"],
    ["64:ff9b::8.8.8.8", "public"],
    ["2002:0a00:0001::1", "private"],
    ["2002:0808:0808::1", "public"],
    // public
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["52.94.76.1", "public"],
    ["172.15.255.255", "public"],
    ["172.32.0.0", "public"],
    ["100.63.255.255", "public"],
    ["100.128.0.0", "public"],
    ["169.253.255.255", "public"],
    ["192.169.0.1", "public"],
    ["11.0.0.1", "public"],
    ["2606:4700:4700::1111", "public"],
    ["2a00:1450:4001:80b::200e", "public"],
    ["[2606:4700:4700::1111]", "public"],
    ["[::1]", "loopback"],
  ])("%s is %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
    expect(isPublicAddress(address)).toBe(kind === "public");
  });

  it.each(["", "localhost", "example.com", "10.0.0", "10.0.0.256", "1::2::3", "12345::", "::ffff:10.0.0.300", "gggg::1"])(
    "calls %j invalid, never public",
    (input) => {
      expect(classifyAddress(input)).toBe("invalid");
      expect(isPublicAddress(input)).toBe(false);
    },
  );
});

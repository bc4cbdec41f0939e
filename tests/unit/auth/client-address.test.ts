import { describe, expect, it } from "vitest";
import { addressGroup, clientAddress } from "@/lib/auth/client-address";

describe("clientAddress", () => {
  it("without trusted proxies is the connection's address, whatever the client wrote before it", () => {
    expect(clientAddress("127.0.0.1", 0)).toBe("127.0.0.1");
    expect(clientAddress("203.0.113.9, 198.51.100.1, 127.0.0.1", 0)).toBe("127.0.0.1");
    expect(clientAddress("::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
  });

  it("behind trusted proxies is the entry the outermost proxy appended", () => {
    // client wrote 203.0.113.9; the load balancer appended the real client; the server its peer (the balancer).
    expect(clientAddress("203.0.113.9, 198.51.100.7, 10.0.0.2", 1)).toBe("198.51.100.7");
    expect(clientAddress("198.51.100.7, 10.0.0.3, 10.0.0.2", 2)).toBe("198.51.100.7");
    expect(clientAddress("2001:DB8::1, 10.0.0.2", 1)).toBe("2001:db8::1");
  });

  it("is the first entry when fewer proxies than configured wrote one, and null for no valid address", () => {
    expect(clientAddress("10.0.0.2", 1)).toBe("10.0.0.2");
    expect(clientAddress("unknown, 10.0.0.2", 1)).toBeNull();
    expect(clientAddress("", 0)).toBeNull();
    expect(clientAddress(null, 0)).toBeNull();
  });
});

describe("addressGroup", () => {
  it("is an IPv4 address itself, and an IPv6 address's /64, however it is written", () => {
    expect(addressGroup("198.51.100.7")).toBe("198.51.100.7");
    expect(addressGroup("2001:db8:5:7::1")).toBe("2001:db8:5:7::/64");
    expect(addressGroup("2001:0db8:0005:0007:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:5:7::/64");
    expect(addressGroup("2001:db8::7:1")).toBe("2001:db8:0:0::/64");
    expect(addressGroup("::1")).toBe("0:0:0:0::/64");
    expect(addressGroup("fe80::1:2:3:4")).toBe("fe80:0:0:0::/64");
  });
});

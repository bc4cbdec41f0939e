import { describe, expect, it } from "vitest";
import { domainOfEmail, domainSchema, holdsProof, proofRecordName, proofRecordValue } from "@/lib/sso/domain-proof";

describe("the domain proof record", () => {
  const token = "tok_abc123";

  it("is named and valued per domain and token", () => {
    expect(proofRecordName("corp.example")).toBe("_privatelink-portal.corp.example");
    expect(proofRecordValue(token)).toBe("privatelink-portal-verification=tok_abc123");
  });

  it("is found among other TXT records", () => {
    expect(holdsProof([["v=spf1 -all"], ["privatelink-portal-verification=tok_abc123"]], token)).toBe(true);
  });

  it("is found when DNS split it into several character-strings, and with surrounding spaces", () => {
    expect(holdsProof([["privatelink-portal-", "verification=tok_abc123"]], token)).toBe(true);
    expect(holdsProof([[" privatelink-portal-verification=tok_abc123 "]], token)).toBe(true);
  });

  it("is not found for another token, a prefix of it, or nothing", () => {
    expect(holdsProof([["privatelink-portal-verification=other"]], token)).toBe(false);
    expect(holdsProof([["privatelink-portal-verification=tok_abc"]], token)).toBe(false);
    expect(holdsProof([["privatelink-portal-verification=tok_abc123x"]], token)).toBe(false);
    expect(holdsProof([["tok_abc123"]], token)).toBe(false);
    expect(holdsProof([], token)).toBe(false);
  });
});

describe("a claimed domain", () => {
  it("is lower-cased, without a trailing dot", () => {
    expect(domainSchema.parse(" Corp.Example. ")).toBe("corp.example");
  });

  it("refuses what is not a domain, and public mail domains", () => {
    for (const value of ["localhost", "corp", "-corp.example", "corp-.example", "co rp.example", "127.0.0.1", "a@corp.example", "gmail.com", "Outlook.com"]) {
      expect(domainSchema.safeParse(value).success, value).toBe(false);
    }
  });

  it("is read from an email address", () => {
    expect(domainOfEmail("Pat@Corp.Example")).toBe("corp.example");
    expect(domainOfEmail("no-at-sign")).toBeNull();
    expect(domainOfEmail("@corp.example")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { expectedSignature, parseAmzDate, parseAuthorization, uriEncode } from "../../src/sigv4";

describe("sigv4", () => {
  // The worked example of AWS's Signature Version 4 documentation (IAM ListUsers).
  it("reproduces AWS's documented example signature", () => {
    const auth = parseAuthorization(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
    );
    expect(auth).toMatchObject({ accessKeyId: "AKIDEXAMPLE", date: "20150830", region: "us-east-1", service: "iam" });
    const signature = expectedSignature(
      {
        method: "GET",
        rawPath: "/",
        rawQuery: "Action=ListUsers&Version=2010-05-08",
        headers: {
          "content-type": "application/x-www-form-urlencoded; charset=utf-8",
          host: "iam.amazonaws.com",
          "x-amz-date": "20150830T123600Z",
        },
        body: Buffer.alloc(0),
      },
      auth,
      "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    );
    expect(signature).toBe(auth.signature);
  });

  it("refuses malformed authorization headers with IncompleteSignature", () => {
    expect(() => parseAuthorization("Bearer x")).toThrow(expect.objectContaining({ code: "IncompleteSignature" }));
    expect(() => parseAuthorization("AWS4-HMAC-SHA256 Credential=A/B")).toThrow(expect.objectContaining({ code: "IncompleteSignature" }));
    expect(() => parseAuthorization("AWS4-HMAC-SHA256 Credential=AK/20260101/us-east-1/ec2/nope, SignedHeaders=host, Signature=00")).toThrow(
      expect.objectContaining({ code: "IncompleteSignature" }),
    );
  });

  it("encodes as RFC 3986 and parses X-Amz-Date", () => {
    expect(uriEncode("a b*~!'()")).toBe("a%20b%2A~%21%27%28%29");
    expect(parseAmzDate("20260102T030405Z")).toBe(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(parseAmzDate("yesterday")).toBeNaN();
  });
});

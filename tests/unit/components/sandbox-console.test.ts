import { describe, expect, it } from "vitest";
import { addressInVpc } from "@/components/sandbox/sandbox-resource";

describe("the sandbox console's resource form", () => {
  it("offers an address in the account's VPC", () => {
    expect(addressInVpc("10.2.0.0/16")).toBe("10.2.0.25");
    expect(addressInVpc(null)).toBe("");
  });
});

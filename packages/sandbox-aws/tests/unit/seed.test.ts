import { describe, expect, it } from "vitest";
import { NETWORK, SEED_ACCOUNTS, zonesFor } from "../../src/seed";

describe("seed world", () => {
  // docs/SANDBOX.md lists these keys; they must not drift.
  it("has the documented accounts and keys", () => {
    expect(SEED_ACCOUNTS.map((a) => [a.accountId, a.kind, a.accessKeyId, a.secretAccessKey])).toEqual([
      ["111111111111", "vendor", "AKIAVEND111111111111", "ZRdCjwn/Ed4snQMD4bp9dnHeGGIqXEG+xXcN5FRv"],
      ["222222222222", "customer", "AKIACUST222222222222", "TbUYBg0E1VZlftElld7vF6k3S3spfXKH1UN6RSNO"],
      ["333333333333", "customer", "AKIACUST333333333333", "4E/zt7EmqVsxPNmcu8G4zVRhKJFNzrR02jBslKp0"],
      ["444444444444", "customer", "AKIACUST444444444444", "6RR6HmL965sqSX/vrbPeJZ9vt/UfUpiG59aYbj9m"],
    ]);
  });

  it("maps the same AZ name to different AZ ids per account", () => {
    const first = (accountId: string) => zonesFor(accountId, "us-east-1")[0]?.zoneId;
    expect(SEED_ACCOUNTS.map((a) => first(a.accountId))).toEqual(["use1-az1", "use1-az2", "use1-az3", "use1-az4"]);
  });

  it("gives each account three subnets per region and each customer a two-AZ NLB", () => {
    for (const account of SEED_ACCOUNTS) {
      for (const region of ["us-east-1", "us-west-2", "eu-west-1"]) {
        const subnets = NETWORK.subnets.filter((s) => s.ownerId === account.accountId && s.region === region);
        expect(new Set(subnets.map((s) => s.zoneId)).size).toBe(3);
        const nlbs = NETWORK.loadBalancers.filter((lb) => lb.ownerId === account.accountId && lb.region === region);
        expect(nlbs.length).toBe(account.kind === "customer" ? 1 : 0);
        for (const nlb of nlbs) expect(nlb.zoneIds).toHaveLength(2);
      }
    }
  });
});

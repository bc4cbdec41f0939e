import { describe, expect, it } from "vitest";
import { compileFilters, paginate, readTags } from "../../src/ec2/query";
import { Params } from "../../src/wire/params";
import { errorDocument, successDocument } from "../../src/wire/xml";
import { AwsError } from "../../src/errors";

interface Item {
  id: string;
  state: string;
  tags: { key: string; value: string }[];
}

const items: Item[] = Array.from({ length: 12 }, (_, i) => ({
  id: `vpce-${String(i).padStart(17, "0")}`,
  state: i % 3 === 0 ? "available" : "pendingAcceptance",
  tags: [{ key: "tenant", value: i % 2 ? "odd" : "even" }],
}));
const read = (item: Item, name: string) => (name === "vpc-endpoint-state" ? [item.state] : readTags(item.tags, name));

describe("filters and pages", () => {
  it("ANDs filters, ORs values and takes wildcards", () => {
    const match = compileFilters<Item>(
      [
        { name: "vpc-endpoint-state", values: ["available", "rejected"] },
        { name: "tag:tenant", values: ["e*"] },
      ],
      ["vpc-endpoint-state"],
      read,
    );
    expect(items.filter(match).map((i) => i.id)).toEqual([items[0]?.id, items[6]?.id]);
    expect(() => compileFilters<Item>([{ name: "colour", values: ["x"] }], ["vpc-endpoint-state"], read)).toThrow(
      expect.objectContaining({ code: "InvalidParameterValue" }),
    );
  });

  it("pages by last id and ends without a token", () => {
    const first = paginate(items, (i) => i.id, 5, undefined);
    expect(first.page).toHaveLength(5);
    const second = paginate(items, (i) => i.id, 5, first.nextToken);
    const third = paginate(items, (i) => i.id, 5, second.nextToken);
    expect(third.page).toHaveLength(2);
    expect(third.nextToken).toBeUndefined();
    expect([...first.page, ...second.page, ...third.page]).toEqual(items);
    expect(() => paginate(items, (i) => i.id, 5, "%%")).toThrow(expect.objectContaining({ code: "InvalidPaginationToken" }));
  });
});

describe("wire", () => {
  it("reads EC2 and Query lists", () => {
    const ec2 = new Params(
      new Map([
        ["VpcEndpointId.2", "b"],
        ["VpcEndpointId.1", "a"],
        ["Filter.1.Name", "tag:x"],
        ["Filter.1.Value.1", "y"],
      ]),
      "ec2",
    );
    expect(ec2.list("VpcEndpointId")).toEqual(["a", "b"]);
    expect(ec2.filters()).toEqual([{ name: "tag:x", values: ["y"] }]);
    const iam = new Params(
      new Map([
        ["Tags.member.1.Key", "k"],
        ["Tags.member.1.Value", "v"],
      ]),
      "iam",
    );
    expect(iam.tags("Tags")).toEqual([{ key: "k", value: "v" }]);
    expect(() => ec2.required("VpcId")).toThrow(expect.objectContaining({ code: "MissingParameter" }));
    expect(() => iam.required("RoleName")).toThrow(expect.objectContaining({ code: "ValidationError" }));
  });

  it("renders AWS's envelopes and escapes text", () => {
    const ok = successDocument("ec2", "DescribeVpcs", { vpcSet: [{ vpcId: "vpc-1<" }], empty: [] }, "rid");
    expect(ok).toContain(
      '<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>rid</requestId><vpcSet><item><vpcId>vpc-1&lt;</vpcId></item></vpcSet><empty/>',
    );
    const sts = successDocument("sts", "GetCallerIdentity", { Account: "1" }, "rid");
    expect(sts).toContain("<GetCallerIdentityResult><Account>1</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>rid</RequestId>");
    const error = new AwsError("InvalidAction", "bad & worse");
    expect(errorDocument("ec2", error, "r")).toContain(
      "<Response><Errors><Error><Code>InvalidAction</Code><Message>bad &amp; worse</Message></Error></Errors><RequestID>r</RequestID></Response>",
    );
    expect(errorDocument("iam", error, "r")).toContain("<ErrorResponse");
  });
});

import { parse } from "yaml";
import type { ScalarTag, CollectionTag } from "yaml";
import { TARGET_KINDS, type KitInput, type TargetKind } from "@/lib/setup-kits/kit";

/** Inputs the kit tests share: every target kind, with and without S3 and cross-region regions. */
export const base: KitInput = {
  principalArn: "arn:aws:iam::111111111111:role/privatelink/acme-1a2b3c",
  region: "us-east-1",
  target: "ip",
  ports: [443, 5432],
  cidrs: ["10.10.0.0/16", "10.11.0.0/16"],
  availabilityZoneIds: ["use1-az1", "use1-az2"],
  supportedRegions: ["us-west-2"],
  s3GatewayEndpoint: false,
};

export const VARIANTS: { name: string; input: KitInput }[] = TARGET_KINDS.flatMap((target: TargetKind) => [
  { name: `${target}`, input: { ...base, target } },
  { name: `${target}, S3, same region only`, input: { ...base, target, s3GatewayEndpoint: true, supportedRegions: [], ports: [target === "instance" ? 22 : 443] } },
]);

/** CloudFormation's short-form functions, read as their long form ({ Ref }, { "Fn::If" }, ...). */
const scalar = (tag: string, name: string): ScalarTag => ({ tag, resolve: (value: string) => ({ [name]: value }) });
const sequence = (tag: string, name: string): CollectionTag => ({
  tag,
  collection: "seq",
  resolve: (seq) => ({ [name]: (seq as unknown as { toJSON(): unknown }).toJSON() }) as never,
});
const CFN_TAGS = [
  scalar("!Ref", "Ref"),
  scalar("!Sub", "Fn::Sub"),
  sequence("!Sub", "Fn::Sub"),
  scalar("!GetAtt", "Fn::GetAtt"),
  ...["If", "Select", "Split", "Join", "Equals", "Not"].map((name) => sequence(`!${name}`, `Fn::${name}`)),
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed template is walked freely in assertions
export function parseTemplate(text: string): any {
  return parse(text, { customTags: CFN_TAGS });
}

import { parse } from "yaml";
import type { ScalarTag, CollectionTag } from "yaml";

export { KIT_INPUT as base, KIT_VARIANTS as VARIANTS } from "@/tests/fixtures/kit-inputs";

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

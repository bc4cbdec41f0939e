import { isValidElement, type ReactElement } from "react";
import { describe, expect, it } from "vitest";
import { inline } from "@/components/ui/markdown";

type Shown = string | { tag: string; text: unknown; href?: unknown };
const shown = (text: string): Shown[] =>
  inline(text).map((node) => {
    if (typeof node === "string") return node;
    if (!isValidElement(node)) throw new Error("unexpected node");
    const { children, href } = (node as ReactElement<{ children: unknown; href?: string }>).props;
    return href === undefined ? { tag: String(node.type), text: children } : { tag: String(node.type), text: children, href };
  });

describe("the API reference's Markdown", () => {
  it("turns code, bold, emphasis and links into elements, leaving no marks behind", () => {
    expect(shown("Send a test event (type `webhook.test`) **now**, *once*; see [the guide](/docs/api).")).toEqual([
      "Send a test event (type ",
      { tag: "code", text: "webhook.test" },
      ") ",
      { tag: "strong", text: "now" },
      ", ",
      { tag: "em", text: "once" },
      "; see ",
      { tag: "a", text: "the guide", href: "/docs/api" },
      ".",
    ]);
  });

  it("leaves text without marks, and links to other schemes, as written", () => {
    expect(shown("plain 2 * 3")).toEqual(["plain 2 * 3"]);
    expect(shown("[x](javascript:alert(1))")).toEqual(["[x](javascript:alert(1))"]);
  });
});

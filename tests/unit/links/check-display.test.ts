import { describe, expect, it } from "vitest";
import { CHECK_DISPLAY, checkExplanationOf, checkLabelOf } from "@/lib/links/check-display";
import { CHECK_NAMES } from "@/lib/links/schemas";

describe("check names people read", () => {
  it("gives every check a label and a one-line explanation, none of them the code's name", () => {
    for (const name of CHECK_NAMES) {
      expect(CHECK_DISPLAY[name].label.toLowerCase()).not.toBe(name.replaceAll("_", " "));
      expect(CHECK_DISPLAY[name].label).toMatch(/^[A-Z]/);
      expect(CHECK_DISPLAY[name].explanation).toMatch(/^[A-Z].*\.$/);
      expect(CHECK_DISPLAY[name].explanation).not.toContain("\n");
    }
    expect(checkLabelOf("az_overlap")).toBe("Availability Zones in common");
  });

  it("reads a check this build does not know from its own words", () => {
    expect(checkLabelOf("future_check")).toBe("future check");
    expect(checkExplanationOf("future_check")).toBeNull();
  });
});

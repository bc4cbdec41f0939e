import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { API_CLIENT_TYPES_FILE, apiClientTypes } from "@/lib/api/client-types";

describe("the typed client's generated types", () => {
  it("are those of the current OpenAPI document (run `npm run api:types` after changing an operation)", async () => {
    const current = readFileSync(API_CLIENT_TYPES_FILE, "utf8");
    expect(current === (await apiClientTypes()), `${API_CLIENT_TYPES_FILE} is out of date: run npm run api:types`).toBe(true);
  });
});

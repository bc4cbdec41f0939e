import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { plainSchemaKeys } from "@/scripts/aws-schema-keys";

describe("plainSchemaKeys (the compiled files' AWS SDK schemas)", () => {
  it("writes computed keys that name string constants as those strings, and leaves the rest", () => {
    const source = ['const _xN = "xmlName";', 'const _m = "Min";', "var Range$ = [3, n0, _R, 0, [_m], [[1, { [_xN]: _m }], [1, { [other]: 2 }]]];"].join("\n");
    expect(plainSchemaKeys(source).split("\n")[2]).toBe('var Range$ = [3, n0, _R, 0, [_m], [[1, { "xmlName": _m }], [1, { [other]: 2 }]]];');
  });

  it("leaves no computed key in EC2's schemas as the installed SDK writes them", () => {
    const require = createRequire(import.meta.url);
    const schemas = path.join(path.dirname(require.resolve("@aws-sdk/client-ec2/package.json")), "dist-es/schemas/schemas_0.js");
    const source = readFileSync(schemas, "utf8");
    expect(source).toMatch(/\[_\w+\]:/);
    expect(plainSchemaKeys(source)).not.toMatch(/\[_\w+\]:/);
  });
});

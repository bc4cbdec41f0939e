import { readFileSync } from "node:fs";
import type { Plugin } from "esbuild";

/**
 * The AWS SDK's schemas name their traits with computed keys (`{ [_xN]: _m }`, `_xN` a string
 * constant), which esbuild must assume may run code, so it keeps every schema of a service even
 * where nothing uses it. Writing those keys as the strings they are lets it leave out the schemas
 * of the commands we never send (EC2's from 1,050 kB to 34 kB); the values are unchanged.
 */
export const awsSchemaKeys: Plugin = {
  name: "aws-schema-keys",
  setup(builder) {
    builder.onLoad({ filter: /[\\/]@aws-sdk[\\/]client-[a-z0-9-]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/ }, ({ path }) => ({
      contents: plainSchemaKeys(readFileSync(path, "utf8")),
      loader: "js",
    }));
  },
};

/** `source` with each computed key that names a string constant of the file written as that string. */
export function plainSchemaKeys(source: string): string {
  const constants = new Map([...source.matchAll(/^const (_\w+) = ("[^"\\]*");$/gm)].map(([, name, value]) => [name!, value!]));
  return source.replace(/\[(_\w+)\]:/g, (computed, name: string) => `${constants.get(name) ?? computed.slice(0, -1)}:`);
}

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Plugin } from "esbuild";

/** The query compiler's WebAssembly, written beside the compiled commands. */
export const QUERY_COMPILER_FILE = "query-compiler.wasm";

const GENERATED_CLASS = /[\\/]lib[\\/]db[\\/]generated[\\/]internal[\\/]class\.ts$/;
const BASE64_MODULE =
  /const \{ wasm \} = await import\("@prisma\/client\/runtime\/query_compiler_(\w+)_bg\.postgresql\.wasm-base64\.mjs"\)\s*return await decodeBase64AsWasm\(wasm\)/;

/**
 * Prisma's generated client carries its query compiler as 4.5 MB of base64 in JavaScript. Bundled,
 * that text stays in memory for as long as the process runs (V8 keeps a script's source), beside
 * the string it makes and the bytes it decodes to. The compiled commands read the WebAssembly from
 * a file next to them instead (`outdir/query-compiler.wasm`, written by `writeQueryCompiler`).
 */
export const prismaWasmFile: Plugin = {
  name: "prisma-wasm-file",
  setup(builder) {
    builder.onLoad({ filter: GENERATED_CLASS }, ({ path }) => {
      const source = readFileSync(path, "utf8");
      if (!BASE64_MODULE.test(source)) throw new Error(`${path}: the query compiler is no longer loaded from base64 as this plugin expects`);
      return {
        contents: source.replace(
          BASE64_MODULE,
          `const { readFileSync } = await import("node:fs")\n    return new WebAssembly.Module(readFileSync(new URL("./${QUERY_COMPILER_FILE}", import.meta.url)))`,
        ),
        loader: "ts",
      };
    });
  },
};

/** Writes the query compiler the generated client uses (its `fast` or `small` build) into `outdir`. */
export async function writeQueryCompiler(outdir: string): Promise<void> {
  const build = BASE64_MODULE.exec(readFileSync("lib/db/generated/internal/class.ts", "utf8"))?.[1];
  if (!build) throw new Error("lib/db/generated/internal/class.ts: no query compiler found (run `npm run db:generate`)");
  const { wasm } = (await import(`@prisma/client/runtime/query_compiler_${build}_bg.postgresql.wasm-base64.mjs`)) as { wasm: string };
  writeFileSync(join(outdir, QUERY_COMPILER_FILE), Buffer.from(wasm, "base64"));
}

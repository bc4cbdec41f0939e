import { parseArgs } from "node:util";

/**
 * The arguments of `npm run db:backup -- --out FILE` and `npm run db:restore -- --from FILE [--force]`: the file flag is
 * required, anything else is refused with the usage line (a mistyped flag must never restore or back up something else).
 */
export function parseFileArgs(args: string[], flag: "out" | "from", usage: string): { file: string; isForced: boolean } {
  let values: { [key: string]: string | boolean | undefined };
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: { [flag]: { type: "string" }, ...(flag === "from" ? { force: { type: "boolean" } } : {}) },
    }));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nusage: ${usage}`);
  }
  const file = values[flag];
  if (typeof file !== "string" || file.trim() === "") throw new Error(`--${flag} FILE is required\nusage: ${usage}`);
  return { file, isForced: values.force === true };
}

import { z } from "zod";
import type { InvalidParam } from "@/lib/errors";

/** zod issues as `{ name, reason }` pairs, one per field: what the API and the forms show. */
export function invalidParamsOf(error: z.ZodError): InvalidParam[] {
  const seen = new Set<string>();
  const params: InvalidParam[] = [];
  for (const issue of error.issues) {
    const name = issue.path.join(".") || "body";
    if (seen.has(name)) continue;
    seen.add(name);
    params.push({ name, reason: issue.message });
  }
  return params;
}

/** The one UUID schema: ids in paths, payloads and cursors. */
export const uuidSchema = z.uuid();

export function isUuid(value: unknown): value is string {
  return uuidSchema.safeParse(value).success;
}

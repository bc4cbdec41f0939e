import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { invalidParamsOf } from "@/lib/validation";

/** Parses the query string with `schema` (the last value of a repeated parameter wins); 422 names each bad parameter. */
export function parseQuery<S extends z.ZodObject>(url: URL, schema: S): z.output<S> {
  const raw = Object.fromEntries(url.searchParams);
  for (const [name, value] of Object.entries(raw)) {
    if (value.includes("\u0000")) throw new AppError("validation_failed", "Parameters may not contain the NUL character.", { invalidParams: [{ name, reason: "Remove the NUL character" }] });
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new AppError("validation_failed", "Some query parameters are invalid; see invalidParams.", { invalidParams: invalidParamsOf(result.error) });
  return result.data;
}

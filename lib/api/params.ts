import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { invalidParamsOf, uuidSchema } from "@/lib/validation";

/** Parses the query string with `schema` (the last value of a repeated parameter wins); 422 names each bad parameter. */
export function parseQuery<S extends z.ZodObject>(url: URL, schema: S): z.output<S> {
  const raw = Object.fromEntries(url.searchParams);
  for (const [name, value] of Object.entries(raw)) {
    if (value.includes("\u0000"))
      throw new AppError("validation_failed", "Parameters may not contain the NUL character.", {
        invalidParams: [{ name, reason: "Remove the NUL character" }],
      });
  }
  const result = schema.safeParse(raw);
  if (!result.success)
    throw new AppError("validation_failed", "Some query parameters are invalid; see invalidParams.", { invalidParams: invalidParamsOf(result.error) });
  return result.data;
}

/** The resource each id parameter names, for its 404. */
const resourceOfId = new WeakMap<z.ZodType, string>();

/**
 * A path id: a UUID. Anything else can name no `resource` of ours, so it is a 404 ("No link x."),
 * the same answer as an id of another organization's resource.
 */
export function idParam(resource: string, description: string) {
  const schema = uuidSchema.describe(description);
  resourceOfId.set(schema, resource);
  return schema;
}

export function isIdParam(schema: z.ZodType): boolean {
  return resourceOfId.has(schema);
}

/** Parses the path's parameters with the operation's schema: a bad id is a 404, any other bad parameter a 422. */
export function parsePathParams<S extends z.ZodObject>(raw: Record<string, string>, schema: S): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const [name, field] of Object.entries(schema.shape)) {
    const resource = resourceOfId.get(field as z.ZodType);
    if (resource && !(field as z.ZodType).safeParse(raw[name]).success) throw new AppError("not_found", `No ${resource} ${raw[name] ?? ""}.`);
  }
  throw new AppError("validation_failed", "Some path parameters are invalid; see invalidParams.", { invalidParams: invalidParamsOf(result.error) });
}

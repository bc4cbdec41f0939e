import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { invalidParamsOf, uuidSchema } from "@/lib/validation";

/** The last value of a repeated parameter wins. */
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

const resourceOfId = new WeakMap<z.ZodType, string>();

/** Anything but a UUID names no `resource` of ours: a 404, the same answer as an id of another organization's. */
export function idParam(resource: string, description: string) {
  const schema = uuidSchema.describe(description);
  resourceOfId.set(schema, resource);
  return schema;
}

export function isIdParam(schema: z.ZodType): boolean {
  return resourceOfId.has(schema);
}

export function parsePathParams<S extends z.ZodObject>(raw: Record<string, string>, schema: S): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const [name, field] of Object.entries(schema.shape)) {
    const resource = resourceOfId.get(field as z.ZodType);
    if (resource && !(field as z.ZodType).safeParse(raw[name]).success) throw new AppError("not_found", `No ${resource} ${raw[name] ?? ""}.`);
  }
  throw new AppError("validation_failed", "Some path parameters are invalid; see invalidParams.", { invalidParams: invalidParamsOf(result.error) });
}

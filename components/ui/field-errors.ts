import type { z } from "zod";
import { invalidParamsOf } from "@/lib/validation";

export type FieldErrors = Record<string, string>;

/** A form's values checked: the data to send, or what is wrong by field. */
export type Checked<T> = { data: T; errors: null } | { data: null; errors: FieldErrors };

export function toFieldErrors(params: { name: string; reason: string }[]): FieldErrors {
  return Object.fromEntries(params.map((p) => [p.name, p.reason]));
}

/** Validates form values with the same schema the API uses; null when they pass. */
export function validate<S extends z.ZodType>(schema: S, values: unknown): Checked<z.infer<S>> {
  const result = schema.safeParse(values);
  return result.success ? { data: result.data, errors: null } : { data: null, errors: toFieldErrors(invalidParamsOf(result.error)) };
}

import { z } from "zod";

// The idempotency store never keeps a secret (idempotency.ts): a replay of the request that made one answers without it.

type ShownOnce<S extends z.ZodObject, K extends keyof S["shape"] & string> = z.ZodObject<
  Omit<S["shape"], K> & { [F in K]: z.ZodNullable<S["shape"][F]> } & { secretAlreadyShown: z.ZodDefault<z.ZodBoolean> }
>;

/** An answer whose `fields` hold a secret shown once (the operation's `secretField`): null in a replay, which says so. */
export function shownOnce<S extends z.ZodObject, K extends keyof S["shape"] & string>(schema: S, ...fields: [K, ...K[]]): ShownOnce<S, K> {
  const hidden = Object.fromEntries(
    fields.map((field) => {
      const secret = schema.shape[field] as z.ZodType;
      return [field, secret.nullable().describe(`${secret.description ?? "The secret."} Null in a replay (\`secretAlreadyShown\`).`)];
    }),
  );
  return schema.extend({
    ...hidden,
    secretAlreadyShown: z
      .boolean()
      .default(false)
      .describe("True in a replay of the request (same Idempotency-Key): the secret was shown in the first answer only and is not kept."),
  }) as unknown as ShownOnce<S, K>;
}

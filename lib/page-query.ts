import { z } from "zod";

export function pageQuerySchema(defaultLimit: number) {
  return z.object({
    limit: z.coerce
      .number({ error: "Expected a whole number" })
      .int("Expected a whole number")
      .min(1, "At least 1")
      .max(100, "At most 100")
      .default(defaultLimit)
      .describe(`Page size, 1 to 100 (default ${defaultLimit}).`),
    cursor: z.string().max(200, "Use nextCursor from a previous page").optional().describe("nextCursor of the previous page."),
  });
}
export type PageQuery = { limit: number; cursor?: string };

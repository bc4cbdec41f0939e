"use client";

import { answerOf, ApiProblemError, createApiClient, problemOf } from "@/lib/api-client/client";

/**
 * The portal's client of /api/v1: the typed client generated from the OpenAPI document
 * (lib/api-client), the same routes partners use, with the session cookie. Problems are thrown as
 * ApiProblemError, so forms can show each field's reason.
 */
export const api = createApiClient({ baseUrl: "" });

export { answerOf, ApiProblemError, problemOf };

/** Every item of a cursor-paginated list, page after page (for short lists, such as a link's timeline). */
export async function allPages<T>(page: (cursor: string | undefined) => Promise<{ data: T[]; nextCursor: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const next: { data: T[]; nextCursor: string | null } = await page(cursor ?? undefined);
    items.push(...next.data);
    cursor = next.nextCursor;
  } while (cursor);
  return items;
}

/** A sentence for a person, whatever went wrong. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiProblemError) return error.problem.status >= 500 ? "Something went wrong on our side. Please try again." : error.problem.detail;
  return "We could not reach the portal. Check your connection and try again.";
}

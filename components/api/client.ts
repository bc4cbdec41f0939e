"use client";

/**
 * The portal's client of /api/v1: the same routes partners use, with the session cookie. Errors
 * arrive as problem+json and are thrown as ProblemError so forms can show each field's reason.
 */

export type Problem = { status: number; code?: string; title?: string; detail?: string; invalidParams?: { name: string; reason: string }[] };

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `The request failed (${problem.status}).`);
    this.name = "ProblemError";
  }
}

export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? {} : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
  });
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ProblemError({ status: response.status, ...(typeof body === "object" && body ? body : {}) });
  return body as T;
}

/** A GET that answers a file (a setup kit): its text, or the problem as a ProblemError. */
export async function apiText(path: string): Promise<string> {
  const response = await fetch(path, { credentials: "same-origin" });
  const text = await response.text();
  if (response.ok) return text;
  let problem: unknown = null;
  try {
    problem = JSON.parse(text);
  } catch {
    // not problem+json: the status alone says it
  }
  throw new ProblemError({ status: response.status, ...(typeof problem === "object" && problem ? problem : {}) });
}

/** Every item of a cursor-paginated list, page after page (for short lists, such as a link's timeline). */
export async function apiFetchAll<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: T[]; nextCursor: string | null } = await apiFetch(cursor ? `${path}${path.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(cursor)}` : path);
    items.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** A sentence for a person, whatever went wrong. */
export function messageOf(error: unknown): string {
  if (error instanceof ProblemError) return error.problem.status >= 500 ? "Something went wrong on our side. Please try again." : error.message;
  return "We could not reach the portal. Check your connection and try again.";
}

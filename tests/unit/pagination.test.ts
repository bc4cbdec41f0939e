import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { collection, paginate } from "@/lib/pagination";

const LINKS = collection("links", "desc");
const ORGANIZATIONS = collection("organizations", "asc");
const EVENTS = collection("link-events", "asc", "sequence");

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: randomUUID(), createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) }));

/** The cursor of the first page of `list` over three rows, two a page. */
function cursorOf(list: typeof LINKS, filters: Record<string, unknown> = {}): string {
  const { nextCursor } = paginate(list, { limit: 2 }, filters).page(rows(3), (row) => row.id);
  expect(nextCursor).toEqual(expect.any(String));
  return nextCursor!;
}

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "validation_failed", invalidParams: [{ name: "cursor" }] });
    return error as AppError;
  }
  throw new Error("the cursor was accepted");
}

describe("keyset pagination", () => {
  it("continues strictly after the last row of the page, in the list's order", () => {
    const page = rows(3);
    const cursor = paginate(LINKS, { limit: 2 }).page(page, (row) => row.id).nextCursor!;
    const next = paginate(LINKS, { limit: 2, cursor });
    expect(next.where).toEqual({ OR: [{ createdAt: { lt: page[1]!.createdAt } }, { createdAt: page[1]!.createdAt, id: { lt: page[1]!.id } }] });
    expect(next.orderBy).toEqual([{ createdAt: "desc" }, { id: "desc" }]);
    expect(next.take).toBe(3);
    expect(paginate(LINKS, { limit: 3 }).page(page, (row) => row.id).nextCursor).toBeNull();
  });

  it("binds a cursor to its collection: a link cursor does not decode as any other list's", () => {
    const cursor = cursorOf(LINKS);
    refusal(() => paginate(ORGANIZATIONS, { limit: 2, cursor }));
    refusal(() => paginate(collection("links", "asc"), { limit: 2, cursor }));
    refusal(() => paginate(EVENTS, { limit: 2, cursor }));
    expect(() => paginate(LINKS, { limit: 2, cursor })).not.toThrow();
  });

  it("binds a cursor to its filters, whatever their order, undefined ones aside", () => {
    const cursor = cursorOf(LINKS, { organizationId: "a", state: "available", region: undefined });
    expect(() => paginate(LINKS, { limit: 2, cursor }, { state: "available", organizationId: "a" })).not.toThrow();
    refusal(() => paginate(LINKS, { limit: 2, cursor }, { organizationId: "a", state: "failed" }));
    refusal(() => paginate(LINKS, { limit: 2, cursor }, { organizationId: "b", state: "available" }));
    refusal(() => paginate(LINKS, { limit: 2, cursor }));
  });

  it("refuses forged, garbled and altered cursors", () => {
    const cursor = cursorOf(LINKS);
    const [binding, createdAt] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as string[];
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const bad of [
      "bm9wZQ",
      "%%%",
      forge([binding, createdAt, "not-a-uuid"]),
      forge([binding, "yesterday", randomUUID()]),
      forge([binding, createdAt]),
      forge({ a: 1 }),
    ]) {
      refusal(() => paginate(LINKS, { limit: 2, cursor: bad }));
    }
    const events = [1n, 2n, 3n].map((id) => ({ id, createdAt: new Date(Date.UTC(2026, 0, 1)) }));
    const eventCursor = paginate(EVENTS, { limit: 2 }).page(events, (row) => row.id).nextCursor!;
    expect(() => paginate(EVENTS, { limit: 2, cursor: eventCursor })).not.toThrow();
    const [eventBinding] = JSON.parse(Buffer.from(eventCursor, "base64url").toString("utf8")) as string[];
    refusal(() => paginate(EVENTS, { limit: 2, cursor: forge([eventBinding, createdAt, "99999999999999999999"]) })); // past a bigint
  });
});

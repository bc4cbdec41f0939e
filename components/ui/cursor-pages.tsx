"use client";

import { useState } from "react";
import { Button } from "./button";

/** The cursors of the pages seen so far of a cursor-paginated list, for Previous and Next. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    /** The cursor of the page to show (null: the first). */
    cursor: cursors.at(-1) ?? null,
    hasPrevious: cursors.length > 1,
    previous: () => setCursors((seen) => seen.slice(0, -1)),
    next: (nextCursor: string) => setCursors((seen) => [...seen, nextCursor]),
    /** Back to the first page (the filters changed). */
    reset: () => setCursors([null]),
  };
}

export function PageButtons({ pages, nextCursor }: { pages: ReturnType<typeof useCursorPages>; nextCursor: string | null | undefined }) {
  return (
    <div className="flex justify-end gap-2">
      {pages.hasPrevious ? (
        <Button variant="secondary" onClick={pages.previous}>
          Previous
        </Button>
      ) : null}
      {nextCursor ? (
        <Button variant="secondary" onClick={() => pages.next(nextCursor)}>
          Next
        </Button>
      ) : null}
    </div>
  );
}

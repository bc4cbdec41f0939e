/**
 * The one way the portal and the console keep a page live: TanStack Query reads the page's data again, soon after a
 * change and less often while nothing changes, and not at all while the tab is hidden (TanStack's default: intervals
 * pause in the background and a refetch runs when the tab is shown again). Polling rather than server-sent events:
 * every web replica answers it from the same API and access rules, no connection stays open per tab, and a
 * settled page costs one indexed read every `maxMs` per visible tab.
 */
export const LIVE_POLL = { minMs: 2_000, maxMs: 8_000, factor: 1.5 } as const;

export type PollTiming = { minMs: number; maxMs: number; factor: number };

/** The wait after `unchanged` reads in a row that found nothing new: minMs, then growing by `factor`, up to maxMs. */
export function backoffDelayMs(unchanged: number, timing: PollTiming = LIVE_POLL): number {
  return Math.min(timing.maxMs, Math.round(timing.minMs * timing.factor ** Math.max(0, unchanged)));
}

type Seen = { data: unknown; updatedAt: number; unchanged: number };

/**
 * How many reads in a row returned what the one before did. Query's structural sharing keeps the same object when an
 * answer is deep-equal to the last, so identity is enough; `updatedAt` counts each read once however often TanStack asks.
 */
export function countUnchanged(seen: Seen | undefined, data: unknown, updatedAt: number): Seen {
  if (!seen) return { data, updatedAt, unchanged: 0 };
  if (seen.updatedAt === updatedAt) return seen;
  return { data, updatedAt, unchanged: seen.data === data ? seen.unchanged + 1 : 0 };
}

const seenOf = new WeakMap<object, Seen>();

/**
 * A `refetchInterval` for useQuery: back off while the answer stays the same, start over when it changes; `isMoving`
 * (say, a link between states) keeps it at the fastest.
 */
export function livePoll<T>(isMoving: (data: T) => boolean = () => false, timing: PollTiming = LIVE_POLL) {
  // Any query whose data is at least a T: TanStack's Query type is invariant in its data.
  return (query: { state: { data: T | undefined; dataUpdatedAt: number } }): number => {
    const { data, dataUpdatedAt } = query.state;
    const seen = countUnchanged(seenOf.get(query), data, dataUpdatedAt);
    seenOf.set(query, seen);
    if (data !== undefined && isMoving(data)) return timing.minMs;
    return backoffDelayMs(seen.unchanged, timing);
  };
}

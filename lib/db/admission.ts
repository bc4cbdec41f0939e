/**
 * Admission to the database for bursts of writes that serialise on a lock. A waiting request
 * holds nothing but a promise here; only admitted work borrows a pooled connection, so a burst
 * queues in memory instead of in the pool, where Prisma's transaction start timeout (P2028) would
 * refuse part of it.
 */

/** Runs at most `max` pieces of work at once; the rest wait in arrival order. */
export function limiter(max: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (active < max) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, or give it back.
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

/**
 * Runs the work given for one key one after another, in arrival order (keys run in parallel).
 * What waits here would otherwise wait on the key's database lock with a connection in hand.
 */
export function serialiser(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, work) => {
    const run = (tails.get(key) ?? Promise.resolve()).then(work);
    const tail = run.catch(() => {});
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

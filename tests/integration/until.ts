/**
 * Waits for an event: reads until `done` holds for what was read, and answers it. There is no
 * deadline of its own, so a busy machine only makes it slower; the test's timeout (vitest.config.ts)
 * is the guard against a real hang.
 */
export async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, { intervalMs = 100 } = {}): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

import { describe, expect, it } from "vitest";
import { SocketBudget } from "@/lib/links/probes/probe";

function deferred() {
  let release = () => {};
  const done = new Promise<void>((resolve) => (release = resolve));
  return { done, release };
}

describe("SocketBudget", () => {
  it("runs at most `max` at once and lets the others in first come, first served", async () => {
    const budget = new SocketBudget(2);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      budget.use(async () => {
        started.push(index);
        expect(budget.inUse).toBeLessThanOrEqual(2);
        await gate.done;
        return index;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(budget.queued).toBe(3);

    gates[1]?.release();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    expect(budget.inUse).toBe(2);

    for (const gate of gates) gate.release();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect([budget.inUse, budget.queued]).toEqual([0, 0]);
  });

  it("frees the slot when the work fails", async () => {
    const budget = new SocketBudget(1);
    await expect(budget.use(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await budget.use(() => Promise.resolve("next"))).toBe("next");
    expect(budget.inUse).toBe(0);
  });

  it("needs at least one socket", () => {
    expect(() => new SocketBudget(0)).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { limiter, serialiser } from "@/lib/db/admission";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";

/** A piece of work that finishes when told to. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("limiter", () => {
  it("runs at most max at once, the rest in arrival order, and frees a slot when work fails", async () => {
    const admit = limiter(2);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      admit(async () => {
        started.push(i);
        await g.opened;
        if (i === 0) throw new Error("boom");
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    gates[0]!.open();
    await expect(runs[0]).rejects.toThrow("boom");
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs.slice(1))).toEqual([1, 2, 3]);
  });
});

describe("serialiser", () => {
  it("runs one key's work one after another and other keys beside it", async () => {
    const oneAtATime = serialiser();
    const [a1, a2, b1] = [gate(), gate(), gate()];
    const started: string[] = [];
    const work = (name: string, g: ReturnType<typeof gate>) => async () => {
      started.push(name);
      await g.opened;
      return name;
    };
    const runs = [oneAtATime("a", work("a1", a1)), oneAtATime("a", work("a2", a2)), oneAtATime("b", work("b1", b1))];
    await tick();
    expect(started).toEqual(["a1", "b1"]);
    a1.open();
    await runs[0];
    await tick();
    expect(started).toEqual(["a1", "b1", "a2"]);
    a2.open();
    b1.open();
    expect(await Promise.all(runs)).toEqual(["a1", "a2", "b1"]);
  });
});

describe("isDatabaseUnavailable", () => {
  it("knows an unreachable database by Prisma's code, the adapter's kind or the socket's code, wrapped or not", () => {
    expect(isDatabaseUnavailable({ code: "P1001" })).toBe(true);
    expect(isDatabaseUnavailable({ code: "P2002", meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } } })).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) }))).toBe(true);
    expect(isDatabaseUnavailable({ code: "P2002" })).toBe(false);
    expect(isDatabaseUnavailable(new Error("syntax"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});

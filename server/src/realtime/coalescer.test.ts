import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Coalescer } from "./coalescer.js";

describe("Coalescer", () => {
  let now = 0;
  let delivered: Array<[string, number]>;
  let coalescer: Coalescer<number>;

  beforeEach(() => {
    vi.useFakeTimers();
    now = 0;
    delivered = [];
    coalescer = new Coalescer<number>(100, (key, value) => delivered.push([key, value]), () => now);
  });
  afterEach(() => {
    coalescer.close();
    vi.useRealTimers();
  });

  const advance = async (ms: number) => {
    now += ms;
    await vi.advanceTimersByTimeAsync(ms);
  };

  it("delivers the first change at once and collapses the rest of the window into its latest value", async () => {
    coalescer.push("a", 1);
    expect(delivered).toEqual([["a", 1]]);
    coalescer.push("a", 2);
    coalescer.push("a", 3);
    await advance(99);
    expect(delivered).toEqual([["a", 1]]);
    await advance(1);
    expect(delivered).toEqual([
      ["a", 1],
      ["a", 3],
    ]);
    // That delivery opened a new window: the next change waits for its end.
    coalescer.push("a", 4);
    await advance(99);
    expect(delivered).toHaveLength(2);
    await advance(1);
    expect(delivered.at(-1)).toEqual(["a", 4]);
    // A window that ends with nothing pending closes: the next change goes out at once.
    await advance(100);
    coalescer.push("a", 5);
    expect(delivered.at(-1)).toEqual(["a", 5]);
  });

  it("keeps each key's window on its own time, with one timer for all of them", async () => {
    coalescer.push("a", 1);
    await advance(40);
    coalescer.push("b", 1);
    coalescer.push("a", 2);
    coalescer.push("b", 2);
    expect(vi.getTimerCount()).toBe(1);
    await advance(60);
    expect(delivered).toEqual([
      ["a", 1],
      ["b", 1],
      ["a", 2],
    ]);
    await advance(39);
    expect(delivered).toHaveLength(3);
    await advance(1);
    expect(delivered.at(-1)).toEqual(["b", 2]);
    expect(vi.getTimerCount()).toBe(1);
  });

  it("close drops pending values and the timer", async () => {
    coalescer.push("a", 1);
    coalescer.push("a", 2);
    coalescer.close();
    expect(vi.getTimerCount()).toBe(0);
    await advance(200);
    expect(delivered).toEqual([["a", 1]]);
  });
});

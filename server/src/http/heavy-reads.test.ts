import express from "express";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pino } from "pino";
import { errorMiddleware } from "./error-middleware.js";
import { heavyReadLimiter } from "./heavy-reads.js";

/** An app whose one route holds its slot until the test lets it go. */
let url: string;
let close: () => Promise<void>;
const held: (() => void)[] = [];
let started = 0;

beforeAll(async () => {
  const app = express();
  app.get("/heavy", heavyReadLimiter({ concurrent: 2, queue: 1, maxWaitMs: 300 }), async (_req, res) => {
    started++;
    await new Promise<void>((resolve) => held.push(resolve));
    res.json({ ok: true });
  });
  app.use(errorMiddleware(pino({ level: "silent" }), true));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/heavy`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(() => close());

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe("heavy read limiter", () => {
  it("reliability: runs 2 at once, lets 1 wait, refuses the rest at once with 503 SERVER_BUSY and Retry-After; the waiting one runs when a slot frees", async () => {
    const first = [fetch(url), fetch(url)];
    await until(() => started === 2);
    const waiting = fetch(url);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const refused = await fetch(url);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toEqual({ error: { code: "SERVER_BUSY", message: "The server is busy with other large reads; try again in a moment." } });
    expect(started).toBe(2);

    held.shift()!();
    await until(() => started === 3);
    for (const release of held.splice(0)) release();
    expect((await Promise.all([...first, waiting])).map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it("reliability: a request that waited longer than maxWaitMs is refused, and its slot is not lost", async () => {
    const running = [fetch(url), fetch(url)];
    await until(() => started === 5);
    const timedOut = await fetch(url);
    expect(timedOut.status).toBe(503);
    for (const release of held.splice(0)) release();
    await Promise.all(running);
    // Both slots are free again: two more run at once.
    const again = [fetch(url), fetch(url)];
    await until(() => started === 7);
    for (const release of held.splice(0)) release();
    expect((await Promise.all(again)).map((r) => r.status)).toEqual([200, 200]);
  });
});

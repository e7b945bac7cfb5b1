import type { Clock } from "../src/clock.js";

/** A clock tests move by hand (invitation expiry, session expiry, grace periods). */
export class TestClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/**
 * DESIGN.md §13: at most `limit` messages per `windowMs` per visitor. A sliding window of
 * timestamps per key; keys with nothing recent are dropped on the next check.
 */
export class MessageRate {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 1_000,
  ) {}

  allow(key: string, nowMs: number): boolean {
    const recent = (this.sent.get(key) ?? []).filter((at) => nowMs - at < this.windowMs);
    if (recent.length >= this.limit) {
      this.sent.set(key, recent);
      return false;
    }
    recent.push(nowMs);
    this.sent.set(key, recent);
    if (this.sent.size > 10_000) for (const [k, times] of this.sent) if (times.every((at) => nowMs - at >= this.windowMs)) this.sent.delete(k);
    return true;
  }
}

/**
 * At most one delivery per key per window, always ending on the latest value: the first
 * change goes out at once (no added latency when things are calm), later ones in the same
 * window collapse into one at its end.
 *
 * Every window lasts the same, so windows end in the order they opened: the map (insertion
 * ordered) is the queue, and one timer for the oldest window serves them all — no timer per
 * change or per member.
 */
export class Coalescer<T> {
  private readonly windows = new Map<string, { pending: T | null; endsAt: number }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly windowMs: number,
    private readonly deliver: (key: string, value: T) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(key: string, value: T): void {
    const open = this.windows.get(key);
    if (open) {
      open.pending = value;
      return;
    }
    this.deliver(key, value);
    this.openWindow(key);
    this.timer ??= this.arm();
  }

  private openWindow(key: string) {
    this.windows.set(key, { pending: null, endsAt: this.now() + this.windowMs });
  }

  private arm(): NodeJS.Timeout | null {
    const oldest = this.windows.values().next();
    if (oldest.done) return null;
    const timer = setTimeout(() => this.closeDue(), Math.max(1, Math.ceil(oldest.value.endsAt - this.now())));
    timer.unref();
    return timer;
  }

  private closeDue() {
    this.timer = null;
    const nowMs = this.now();
    try {
      for (const [key, window] of this.windows) {
        if (window.endsAt > nowMs) break;
        this.windows.delete(key);
        if (window.pending) {
          // Re-inserted at the end: it now ends last.
          this.openWindow(key);
          this.deliver(key, window.pending);
        }
      }
    } finally {
      this.timer = this.arm();
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.windows.clear();
  }
}

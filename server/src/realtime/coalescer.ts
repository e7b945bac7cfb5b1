/**
 * At most one delivery per key per window, always ending on the latest value: the first
 * change goes out at once (no added latency when things are calm), later ones in the same
 * window collapse into one at its end.
 */
export class Coalescer<T> {
  private readonly windows = new Map<string, { pending: T | null; timer: NodeJS.Timeout }>();

  constructor(
    private readonly windowMs: number,
    private readonly deliver: (key: string, value: T) => void,
  ) {}

  push(key: string, value: T): void {
    const open = this.windows.get(key);
    if (open) {
      open.pending = value;
      return;
    }
    this.deliver(key, value);
    this.openWindow(key);
  }

  private openWindow(key: string) {
    const timer = setTimeout(() => {
      const window = this.windows.get(key);
      this.windows.delete(key);
      if (window?.pending) {
        this.deliver(key, window.pending);
        this.openWindow(key);
      }
    }, this.windowMs);
    timer.unref();
    this.windows.set(key, { pending: null, timer });
  }

  close(): void {
    for (const { timer } of this.windows.values()) clearTimeout(timer);
    this.windows.clear();
  }
}

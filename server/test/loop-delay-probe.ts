import { monitorEventLoopDelay } from "node:perf_hooks";

/**
 * For the benchmarks: SIGUSR2 makes a server process print `LOOPDELAY {p50,p99,max}` (ms) for
 * the time since the previous SIGUSR2, then start over. The bench signals once before and once
 * after the measured window, so connects and teardown stay out of it.
 */
export function startLoopDelayProbe(): void {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  process.on("SIGUSR2", () => {
    const report = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
    process.stdout.write(`LOOPDELAY ${JSON.stringify(report)}\n`);
    histogram.reset();
  });
}

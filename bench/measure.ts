/** Timing helpers for the benchmark: medians and p99 of many runs, never a single run. */

export interface Stats {
  name: string;
  /** Nanoseconds per operation. */
  median: number;
  p99: number;
  opsPerSecond: number;
  samples: number;
}

/**
 * Runs `op` repeatedly for about `budgetMs`, timing batches of `batch` calls (so that
 * operations far below the timer's resolution are still measured), after a warm-up.
 */
export function measure(name: string, op: () => unknown, budgetMs: number, batch = 1): Stats {
  const warmUntil = performance.now() + Math.min(200, budgetMs / 4);
  while (performance.now() < warmUntil) op();
  const samples: number[] = [];
  const until = performance.now() + budgetMs;
  while (performance.now() < until || samples.length < 20) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) op();
    samples.push(Number(process.hrtime.bigint() - start) / batch);
  }
  return statsOf(name, samples);
}

/** Median, p99 and rate of nanosecond samples (sorted in place). */
function statsOf(name: string, samples: number[]): Stats {
  samples.sort((a, b) => a - b);
  const median = percentile(samples, 0.5);
  return {
    name,
    median,
    p99: percentile(samples, 0.99),
    opsPerSecond: 1e9 / median,
    samples: samples.length,
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

/** The median of values in any order (NaN for none). */
export function median(values: readonly number[] = []): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

export function formatNs(ns: number): string {
  if (ns < 1_000) return `${ns.toFixed(0)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(1)} µs`;
  return `${(ns / 1_000_000).toFixed(2)} ms`;
}

export function table(headers: string[], rows: string[][]): string {
  const lines = [headers, headers.map(() => "---"), ...rows];
  return lines.map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

/**
 * Measures a case and its baseline interleaved, batch by batch, so that a busy machine
 * slows both alike; the ratio is the median of the per-round ratios.
 */
export function measurePair(
  names: { base: string; ours: string },
  base: () => unknown,
  ours: () => unknown,
  budgetMs: number,
): { base: Stats; ours: Stats; ratio: number } {
  const warmUntil = performance.now() + Math.min(200, budgetMs / 4);
  while (performance.now() < warmUntil) {
    base();
    ours();
  }
  const baseSamples: number[] = [];
  const ourSamples: number[] = [];
  const ratios: number[] = [];
  const until = performance.now() + budgetMs;
  while (performance.now() < until || ratios.length < 20) {
    const t0 = process.hrtime.bigint();
    base();
    const t1 = process.hrtime.bigint();
    ours();
    const t2 = process.hrtime.bigint();
    const b = Number(t1 - t0);
    const o = Number(t2 - t1);
    baseSamples.push(b);
    ourSamples.push(o);
    ratios.push(o / b);
  }
  ratios.sort((a, b) => a - b);
  return {
    base: statsOf(names.base, baseSamples),
    ours: statsOf(names.ours, ourSamples),
    ratio: percentile(ratios, 0.5),
  };
}

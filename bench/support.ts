// Small helpers shared by benchmarks: percentiles, free ports, waiting for HTTP, printing the closing JSON line.
import { waitForHttpOk } from '../bot/services/net';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export { freePort } from '../bot/services/net';

/** Polls until the URL answers 200; resolves with the milliseconds it took from `startedAt`. */
export async function waitFor200(url: string, startedAt: number, timeoutMs: number): Promise<number> {
  await waitForHttpOk(url, timeoutMs - (performance.now() - startedAt), 10);
  return performance.now() - startedAt;
}

/** The last line of every benchmark: one JSON object of figures (ARCHITECTURE.md, Benchmarks). */
export function printFigures(figures: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

// Small helpers shared by benchmarks: percentiles, free ports, waiting for HTTP, printing the closing JSON line.
import { readFileSync } from 'node:fs';
import { waitForHttpOk } from '../bot/platform/net';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** Mulberry32: small, fast and deterministic, so every run (and a failing sample) can be reproduced from its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export { freePort } from '../bot/platform/net';

/** Polls until the URL answers 200; resolves with the milliseconds it took from `startedAt`. */
export async function waitFor200(url: string, startedAt: number, timeoutMs: number): Promise<number> {
  await waitForHttpOk(url, timeoutMs - (performance.now() - startedAt), 10);
  return performance.now() - startedAt;
}

/** The last line of every benchmark: one JSON object of figures (ARCHITECTURE.md, Benchmarks). */
export function printFigures(figures: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

/** CPU time (user + system, ms) a process has used so far, from Linux's /proc; NaN where that is not available. */
export function cpuMsOf(pid: number): number {
  if (pid === process.pid) {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
  try {
    // Fields 14 and 15 (utime, stime) in clock ticks; the name in field 2 may hold spaces or ')', so count after its last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/** Linux's USER_HZ: 100 on every architecture Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * Timing helpers for the benchmark: cases run side by side, alternating (the order rotates every
 * round, so no case always runs first or last), after a warm-up. A row's ratio is taken in every
 * round (the cases of one round ran under the same load) and reported as the median of those
 * per-round ratios, with their spread.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

export interface Case {
  readonly name: string;
  /** Runs one sample and returns what it measured (milliseconds, bytes, ...). */
  readonly sample: () => number;
}

export interface Rounds {
  readonly warmup: number;
  readonly reps: number;
}

/** Every case's samples, alternating. */
export function alternate(cases: readonly Case[], rounds: Rounds): Map<string, number[]> {
  const out = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let r = 0; r < rounds.warmup + rounds.reps; r++) {
    for (let i = 0; i < cases.length; i++) {
      const c = cases[(i + r) % cases.length]!;
      collect();
      const value = c.sample();
      if (r >= rounds.warmup) out.get(c.name)!.push(value);
    }
  }
  return out;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The q-quantile of `values` (0 <= q <= 1), interpolating between the two nearest samples. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return s[lo]! + (s[hi]! - s[lo]!) * (at - lo);
}

/**
 * How far a row's per-round ratios spread: the interquartile range (the middle half of the
 * rounds) when there are at least eight rounds, otherwise the smallest and largest.
 */
export interface Spread {
  readonly kind: 'IQR' | 'min-max';
  readonly low: number;
  readonly high: number;
  readonly rounds: number;
}

export function spreadOf(values: readonly number[]): Spread {
  return values.length >= 8
    ? { kind: 'IQR', low: quantile(values, 0.25), high: quantile(values, 0.75), rounds: values.length }
    : { kind: 'min-max', low: Math.min(...values), high: Math.max(...values), rounds: values.length };
}

/** Round by round, a / b (both lists hold one sample per round, in round order). */
export function perRound(a: readonly number[], b: readonly number[], ratio: (a: number, b: number) => number = (x, y) => x / y): number[] {
  if (a.length !== b.length) throw new Error(`per-round ratio of ${a.length} and ${b.length} samples`);
  return a.map((v, i) => ratio(v, b[i]!));
}

/** A full garbage collection when node runs with --expose-gc, so one case's garbage is not billed to the next. */
export function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

export interface ProcessResult {
  /** Wall time from spawn to exit, milliseconds. */
  readonly wallMs: number;
  /** Peak resident set size of the child, bytes (from process.resourceUsage() at exit). */
  readonly maxRssBytes: number;
  readonly stdout: string;
}

const MAXRSS_HOOK = new URL('./children/maxrss.cjs', import.meta.url).pathname;

/**
 * Runs `node <args>` to completion and measures it. The child preloads a hook that writes its
 * peak RSS to a file at exit, so the measurement works wherever node does (no /usr/bin/time).
 */
export function runNode(args: readonly string[], options: SpawnSyncOptions & { rssFile: string }): ProcessResult {
  rmSync(options.rssFile, { force: true });
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', MAXRSS_HOOK, ...args], {
    ...options,
    encoding: 'utf8',
    env: { ...process.env, ...options.env, BENCH_MAXRSS_FILE: options.rssFile },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - t;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}:\n${r.stderr}`);
  const maxRssBytes = Number(readFileSync(options.rssFile, 'utf8')) * 1024;
  return { wallMs, maxRssBytes, stdout: String(r.stdout) };
}

/**
 * Timing helpers for the benchmark: cases run side by side, alternating (the order rotates every
 * round, so no case always runs first or last), after a warm-up; medians are reported.
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

/** A full garbage collection when node runs with --expose-gc, so one case's garbage is not billed to the next. */
export function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

/** Milliseconds per call of `fn`, timing `calls` calls in a row. */
export function perCall(fn: () => unknown, calls: number): number {
  const t = performance.now();
  for (let i = 0; i < calls; i++) fn();
  return (performance.now() - t) / calls;
}

/** How many calls of `fn` take about `targetMs` (at least one): for timing fast functions in batches. */
export function callsFor(fn: () => unknown, targetMs: number): number {
  let calls = 1;
  for (;;) {
    const ms = perCall(fn, calls) * calls;
    if (ms >= targetMs / 4 || calls >= 1 << 20) return Math.max(1, Math.round((calls * targetMs) / Math.max(ms, 0.001)));
    calls *= 4;
  }
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

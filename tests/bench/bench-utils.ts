// Small helpers shared by the benchmarks: statistics, machine facts, and writing a marked section of BENCHMARKS.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');
export const BENCHMARKS_FILE = resolve(REPO_ROOT, 'BENCHMARKS.md');

export interface Stats {
  n: number;
  min: number;
  median: number;
  p95: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles over `samples` (any unit). */
export function stats(samples: readonly number[]): Stats {
  if (samples.length === 0) return { n: 0, min: NaN, median: NaN, p95: NaN, max: NaN, mean: NaN };
  const s = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  return {
    n: s.length,
    min: s[0]!,
    median: rank(0.5),
    p95: rank(0.95),
    max: s.at(-1)!,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

/** Milliseconds since an arbitrary origin, from the monotonic high-resolution clock. */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export function machineFacts(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform}`;
}

/** The machine's load average now (1, 5 and 15 minutes): other work on a shared machine moves the figures. */
export function loadAverage(): string {
  return `load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ')} (1 / 5 / 15 min)`;
}

export const today = (): string => new Date().toISOString().slice(0, 10);

/** "meets the goal" or "misses the goal by X" for a measure where lower is better. */
export function verdict(value: number, goal: number, unit: string, digits = 2): string {
  if (!Number.isFinite(value)) return 'not measured';
  if (value <= goal) return 'meets the goal';
  return `misses the goal by ${(value - goal).toFixed(digits)} ${unit} (${(value / goal).toFixed(2)}x)`;
}

export const fmt = (ms: number, digits = 2): string => (Number.isFinite(ms) ? `${ms.toFixed(digits)} ms` : 'n/a');

/** Replaces (or appends) the section between `<!-- name:start -->` and `<!-- name:end -->`; other sections stay. */
export function writeSection(name: string, body: string): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const section = `${start}\n${body.trim()}\n${end}`;
  const current = existsSync(BENCHMARKS_FILE)
    ? readFileSync(BENCHMARKS_FILE, 'utf8')
    : '# Benchmarks\n\nFigures measured on the build machines; each section says how to reproduce it.\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${current.slice(0, from)}${section}${current.slice(to + end.length)}`
      : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(BENCHMARKS_FILE, next);
}

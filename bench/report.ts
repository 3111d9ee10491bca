/** Formatting the benchmark's figures: Markdown tables, ready to paste into a README. */
import type { LoadResult } from './load-runner.js';

export interface RouteFigures {
  label: string;
  example: string;
  result: LoadResult | null;
  /** Why there is no result (page not there yet, unexpected status...). */
  note?: string;
  baseline?: boolean;
  /** Longest garbage-collection pause in the app process(es) during the measured load. */
  gcMaxMs?: number;
}

export interface Baseline {
  p50: number;
  p99: number;
}

const ms = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n.toFixed(2) : '–');

/** The mean of the baseline's measurements (first and last), p50 and p99. */
export function baselineOf(rows: RouteFigures[]): Baseline | null {
  const results = rows.filter((f) => f.baseline && f.result).map((f) => f.result as LoadResult);
  if (results.length === 0) return null;
  const mean = (f: (r: LoadResult) => number) => results.reduce((n, r) => n + f(r), 0) / results.length;
  return { p50: mean((r) => r.p50), p99: mean((r) => r.p99) };
}

export function figuresTable(rows: RouteFigures[], baseline: Baseline, target: number): string {
  const lines = [
    '| Route | Example | p50 ms | p99 ms | req/s | × baseline p50 | × baseline p99 | Within 3× (p50, p99) | App CPU ms/req | GC max ms |',
    '|---|---|---:|---:|---:|---:|---:|---|---:|---:|',
  ];
  for (const row of rows) {
    if (!row.result) {
      lines.push(`| ${row.label} | \`${row.example}\` | – | – | – | – | – | ${row.note ?? 'not measured'} | – | – |`);
      continue;
    }
    const r = row.result;
    const ratio50 = r.p50 / baseline.p50;
    const ratio99 = r.p99 / baseline.p99;
    const mark = (ratio: number) => (ratio <= target ? 'yes' : 'NO');
    const within = row.baseline ? '(baseline)' : `${mark(ratio50)}, ${mark(ratio99)}`;
    const extra = r.errors || r.timeouts ? ` (errors ${r.errors}, timeouts ${r.timeouts})` : '';
    lines.push(
      `| ${row.label} | \`${row.example.length > 60 ? `${row.example.slice(0, 57)}...` : row.example}\` | ${ms(r.p50)} | ${ms(r.p99)} | ${(r.requests / r.seconds).toFixed(0)} | ${ratio50.toFixed(2)} | ${ratio99.toFixed(2)} | ${within}${extra} | ${ms(r.cpuMsPerRequest)} | ${ms(row.gcMaxMs)} |`,
    );
  }
  return lines.join('\n');
}

/** Throughput of the same routes with 1, 2… app processes, side by side. */
export function throughputTable(runs: Array<{ processes: number; figures: RouteFigures[] }>): string {
  const first = runs[0];
  if (!first) return '';
  const header = [
    '| Route',
    ...runs.map((r) => `req/s, ${r.processes} process${r.processes > 1 ? 'es' : ''}`),
    ...runs.slice(1).map((r) => `× (${r.processes} vs ${first.processes})`),
  ];
  const lines = [
    `${header.join(' | ')} |`,
    `|---|${runs.map(() => '---:').join('|')}|${runs
      .slice(1)
      .map(() => '---:')
      .join('|')}${runs.length > 1 ? '|' : ''}`,
  ];
  const rate = (f: RouteFigures | undefined) => (f?.result ? f.result.requests / f.result.seconds : Number.NaN);
  for (const [i, row] of first.figures.entries()) {
    const rates = runs.map((r) => rate(r.figures[i]));
    const base = rates[0] ?? Number.NaN;
    const cells = [
      ...rates.map((x) => (Number.isFinite(x) ? x.toFixed(0) : '–')),
      ...rates.slice(1).map((x) => (Number.isFinite(x / base) ? (x / base).toFixed(2) : '–')),
    ];
    lines.push(`| ${row.label} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

export function statusSummary(result: LoadResult): string {
  return Object.entries(result.statuses)
    .map(([code, n]) => `${code}: ${n}`)
    .join(', ');
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

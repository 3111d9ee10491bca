/** Formatting the benchmark's figures: one Markdown table, ready to paste into a README. */
import type { LoadResult } from './load-runner.js';

export interface RouteFigures {
  label: string;
  example: string;
  result: LoadResult | null;
  /** Why there is no result (page not there yet, unexpected status...). */
  note?: string;
  baseline?: boolean;
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');

export function figuresTable(rows: RouteFigures[], baselineP50: number, target: number): string {
  const lines = ['| Route | Example | p50 ms | p99 ms | req/s | × baseline p50 | Within 3× | App CPU ms/req |', '|---|---|---:|---:|---:|---:|---|---:|'];
  for (const row of rows) {
    if (!row.result) {
      lines.push(`| ${row.label} | \`${row.example}\` | – | – | – | – | ${row.note ?? 'not measured'} | – |`);
      continue;
    }
    const r = row.result;
    const ratio = r.p50 / baselineP50;
    const within = row.baseline ? '(baseline)' : ratio <= target ? 'yes' : 'NO';
    const extra = r.errors || r.timeouts ? ` (errors ${r.errors}, timeouts ${r.timeouts})` : '';
    lines.push(
      `| ${row.label} | \`${row.example}\` | ${ms(r.p50)} | ${ms(r.p99)} | ${(r.requests / r.seconds).toFixed(0)} | ${ratio.toFixed(2)} | ${within}${extra} | ${ms(r.cpuMsPerRequest)} |`,
    );
  }
  return lines.join('\n');
}

export function statusSummary(result: LoadResult): string {
  return Object.entries(result.statuses)
    .map(([code, n]) => `${code}: ${n}`)
    .join(', ');
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

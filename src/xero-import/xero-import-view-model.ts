/** Plain objects for the import page: no Dates, nothing the template must work out. */
import { formatMoment } from '../common/dates.js';
import type { ImportOverview } from './xero-import-service.js';
import { IMPORT_KINDS, type ImportRun, type ImportStatus, type ImportKind, type SkipNote } from './xero-import.js';

export interface RunView {
  id: string;
  status: ImportStatus;
  statusLabel: string;
  badgeClass: string;
  /** "Reading page 3 from Xero" while running, "Read 2 pages" when done. */
  pageText: string;
  counts: Array<{ label: string; value: number }>;
  startedAt: string;
  finishedAt: string | null;
  lastError: string | null;
  canResume: boolean;
  resumeAction: string;
  /** Why records were left out (the first few); `moreSkipped` counts the rest. */
  skips: Array<{ label: string; reason: string }>;
  moreSkipped: number;
}

export interface KindView {
  kind: ImportKind;
  heading: string;
  description: string;
  startAction: string;
  startLabel: string;
  /** An import of this kind is queued or running: no second one may start. */
  busy: boolean;
  run: RunView | null;
  /** Where to see what was imported. */
  resultHref: string;
  resultLabel: string;
}

export interface ImportPageView {
  kinds: KindView[];
  /** Something is queued or running: the page refreshes itself every 2 seconds. */
  refresh: boolean;
}

const KIND_TEXT: Record<ImportKind, Pick<KindView, 'heading' | 'description' | 'startLabel' | 'resultHref' | 'resultLabel'>> = {
  contacts: {
    heading: 'Contacts',
    description:
      'Every Xero contact, archived ones too, becomes a Ledgerside contact linked to it. Contacts you already added with the same name are linked, not duplicated.',
    startLabel: 'Import contacts from Xero',
    resultHref: '/contacts',
    resultLabel: 'Open contacts',
  },
  items: {
    heading: 'Products',
    description: 'Every Xero item becomes a Ledgerside product linked to it, with its sale and purchase prices, accounts and tax rates.',
    startLabel: 'Import products from Xero',
    resultHref: '/products',
    resultLabel: 'Open products',
  },
};

const STATUS: Record<ImportStatus, { label: string; badge: string }> = {
  queued: { label: 'Waiting to start', badge: 'badge-info' },
  running: { label: 'Importing', badge: 'badge-info' },
  completed: { label: 'Finished', badge: 'badge-ok' },
  failed: { label: 'Stopped with an error', badge: 'badge-bad' },
};

const timeText = (d: Date): string => formatMoment(d);

function pageText(run: ImportRun): string {
  const read = run.nextPage - 1;
  if (run.status === 'queued' || run.status === 'running') return `Reading page ${run.nextPage} from Xero`;
  if (run.status === 'failed') return `Stopped at page ${run.nextPage}; ${read} page${read === 1 ? '' : 's'} imported`;
  return `Read ${read} page${read === 1 ? '' : 's'} from Xero`;
}

export function runView(run: ImportRun, skips: SkipNote[] = []): RunView {
  return {
    id: run.id,
    status: run.status,
    statusLabel: STATUS[run.status].label,
    badgeClass: STATUS[run.status].badge,
    pageText: pageText(run),
    counts: [
      { label: 'Processed', value: run.processed },
      { label: 'Created', value: run.created },
      { label: 'Updated', value: run.updated },
      { label: 'Unchanged', value: run.unchanged },
      { label: 'Skipped', value: run.skipped },
    ],
    startedAt: timeText(run.startedAt),
    finishedAt: run.finishedAt ? timeText(run.finishedAt) : null,
    lastError: run.status === 'failed' ? run.lastError : null,
    canResume: run.status === 'failed',
    resumeAction: `/import/xero/runs/${run.id}/resume`,
    skips: skips.map((s) => ({ label: s.label ?? (s.xeroId ? `Xero id ${s.xeroId}` : 'A record without a name'), reason: s.reason })),
    moreSkipped: Math.max(0, run.skipped - skips.length),
  };
}

export function importPageView(overview: ImportOverview): ImportPageView {
  const kinds = IMPORT_KINDS.map((kind): KindView => {
    const latest = overview[kind];
    const busy = latest !== null && (latest.run.status === 'queued' || latest.run.status === 'running');
    return { kind, ...KIND_TEXT[kind], startAction: `/import/xero/${kind}`, busy, run: latest ? runView(latest.run, latest.skips) : null };
  });
  return { kinds, refresh: kinds.some((k) => k.busy) };
}

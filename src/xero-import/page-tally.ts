/** What every page importer gets and gives back: the moment and ids to write with; counts and skips. */
import type { Outcome, PageCounts, PageResult, SkipNote } from './xero-import.js';

export interface ImportPageDeps {
  now: Date;
  newId: () => string;
}

export function emptyCounts(): PageCounts {
  return { processed: 0, created: 0, updated: 0, unchanged: 0, skipped: 0 };
}

/** Counts the outcomes of a page's records and keeps why any were left out. */
export function pageTally() {
  const counts = emptyCounts();
  const skips: SkipNote[] = [];
  return {
    add(outcome: Outcome) {
      counts.processed++;
      counts[outcome]++;
    },
    skip(xeroId: string | null, label: string | null, reason: string) {
      skips.push({ xeroId, label, reason });
      return 'skipped' as const;
    },
    result: (): PageResult => ({ counts, skips }),
  };
}

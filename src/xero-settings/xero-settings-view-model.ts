/** The Xero settings page's view-model. */
import type { CacheSummaryRow, RefreshResult } from './xero-settings-service.js';
import { KIND_LABELS } from './xero-settings.js';

const when = (d: Date | null): string => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'Never');

export function xeroSettingsPageView(summary: CacheSummaryRow[], sourceConfigured: boolean) {
  const refreshed = summary.map((s) => s.lastRefreshedAt).filter((d): d is Date => d !== null);
  return {
    sourceConfigured,
    neverRefreshed: refreshed.length === 0,
    rows: summary.map((s) => ({ label: s.label, count: s.count, lastRefreshed: when(s.lastRefreshedAt) })),
  };
}

/** One line for the flash after a refresh, e.g. "Refreshed from Xero: 3 accounts changed, 12 tax rates, …". */
export function refreshMessage(results: RefreshResult[]): string {
  const parts = results.map((r) => `${r.fetched} ${KIND_LABELS[r.kind].toLowerCase()}${r.mode === 'incremental' ? ' changed' : ''}`);
  return `Refreshed from Xero: ${parts.join(', ')}.`;
}

/**
 * Refreshing an organisation's Xero settings cache. Everything is fetched first (no transaction held
 * open across network calls), then written in one transaction: a failed fetch or write leaves the
 * previous cache untouched. Accounts and items are incremental (If-Modified-Since the newest
 * UpdatedDateUTC seen; changed rows upserted); the rest, which Xero does not filter by date, are
 * replaced whole. `full` ignores If-Modified-Since and replaces everything, which also drops
 * records deleted in Xero (an incremental fetch cannot see a deletion).
 */
import type { TenantDb } from '../db/tenant-db.js';
import { accountRow, brandingThemeRow, currencyRow, itemRow, mapAll, taxRateRow, trackingCategoryRow } from './xero-settings-mappers.js';
import { xeroSettingsRepository } from './xero-settings-repository.js';
import type { XeroSettingsSource } from './xero-settings-source.js';
import { KIND_LABELS, SETTINGS_KINDS, type SettingsKind, type SyncState } from './xero-settings.js';

export interface RefreshResult {
  kind: SettingsKind;
  /** Records Xero returned (for incremental kinds: only the changed ones). */
  fetched: number;
  mode: 'incremental' | 'full';
}

export interface CacheSummaryRow {
  kind: SettingsKind;
  label: string;
  count: number;
  lastRefreshedAt: Date | null;
}

function newest(dates: Array<Date | null>, previous: Date | null): Date | null {
  return dates.reduce<Date | null>((max, d) => (d && (!max || d > max) ? d : max), previous);
}

export async function refreshXeroSettings(tdb: TenantDb, source: XeroSettingsSource, now: Date, options: { full?: boolean } = {}): Promise<RefreshResult[]> {
  const states = await xeroSettingsRepository(tdb).syncStates();
  const since = (kind: 'accounts' | 'items'): Date | undefined => (options.full ? undefined : (states.get(kind)?.lastModifiedSeen ?? undefined));
  const accountsSince = since('accounts');
  const itemsSince = since('items');

  const [accounts, taxRates, items, currencies, tracking, themes] = await Promise.all([
    source.accounts(accountsSince).then((r) => mapAll(r, accountRow)),
    source.taxRates().then((r) => mapAll(r, taxRateRow)),
    source.items(itemsSince).then((r) => mapAll(r, itemRow)),
    source.currencies().then((r) => mapAll(r, currencyRow)),
    source.trackingCategories().then((r) => mapAll(r, trackingCategoryRow)),
    source.brandingThemes().then((r) => mapAll(r, brandingThemeRow)),
  ]);

  return tdb.transaction(async (trx) => {
    const repo = xeroSettingsRepository(trx);
    if (accountsSince) await repo.upsertAccounts(accounts);
    else await repo.replaceAccounts(accounts);
    if (itemsSince) await repo.upsertItems(items);
    else await repo.replaceItems(items);
    await repo.replaceTaxRates(taxRates);
    await repo.replaceCurrencies(currencies);
    await repo.replaceTrackingCategories(tracking);
    await repo.replaceBrandingThemes(themes);

    const lastSeen: Partial<Record<SettingsKind, Date | null>> = {
      accounts: newest(
        accounts.map((a) => a.updatedDateUtc),
        accountsSince ?? null,
      ),
      items: newest(
        items.map((i) => i.updatedDateUtc),
        itemsSince ?? null,
      ),
    };
    for (const kind of SETTINGS_KINDS) {
      const state: SyncState = { kind, lastRefreshedAt: now, lastModifiedSeen: lastSeen[kind] ?? null };
      await repo.saveSyncState(state);
    }
    const fetched: Record<SettingsKind, number> = {
      accounts: accounts.length,
      tax_rates: taxRates.length,
      items: items.length,
      currencies: currencies.length,
      tracking_categories: tracking.length,
      branding_themes: themes.length,
    };
    return SETTINGS_KINDS.map((kind) => ({
      kind,
      fetched: fetched[kind],
      mode: (kind === 'accounts' && accountsSince) || (kind === 'items' && itemsSince) ? 'incremental' : 'full',
    }));
  });
}

/** What the settings page shows: per kind, rows cached and when last refreshed. */
export async function xeroSettingsSummary(tdb: TenantDb): Promise<CacheSummaryRow[]> {
  const repo = xeroSettingsRepository(tdb);
  const [counts, states] = await Promise.all([repo.counts(), repo.syncStates()]);
  return SETTINGS_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind], count: counts[kind], lastRefreshedAt: states.get(kind)?.lastRefreshedAt ?? null }));
}

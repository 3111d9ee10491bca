/**
 * The pre-send mapping check (Xero's certification checkpoint): every account code, tax type, item
 * code, tracking category/option and branding theme a record uses must still exist and be ACTIVE in
 * the organisation's Xero settings cache, or the send stops before any call, naming each one and how
 * to fix it. `mappingProblems` is pure (table-tested); `checkMapping` reads the cache and throws.
 */
import type { TenantDb } from '../db/tenant-db.js';
import { mappingSnapshot, type MappingSnapshot, type SettingsKind, type SnapshotRef } from '../xero-settings/index.js';
import { SyncStop } from './failure.js';

/**
 * One use of a code or id. `where` says where the record uses it ("line 2"), `fix` what to do
 * instead of the kind's default advice (no trailing full stop; ", then press Retry." is added).
 */
export interface MappingUse {
  value: string;
  where?: string;
  fix?: string;
}

export interface TrackingUse {
  /** The category's name or TrackingCategoryID. */
  category: string;
  /** The option's name or TrackingOptionID. */
  option: string;
  where?: string;
  fix?: string;
}

type Use = string | MappingUse;

/** What a record uses. Empty values (null, '') are skipped, so a handler can pass its fields as they are. */
export interface MappingUses {
  accountCodes?: ReadonlyArray<Use | null | undefined>;
  taxTypes?: ReadonlyArray<Use | null | undefined>;
  itemCodes?: ReadonlyArray<Use | null | undefined>;
  tracking?: ReadonlyArray<TrackingUse>;
  brandingThemeId?: Use | null;
  /**
   * Checked only once the organisation's currencies have been read from Xero (forms fall back to
   * ISO codes until then).
   */
  currencies?: ReadonlyArray<Use | null | undefined>;
}

export interface MappingProblem {
  kind: 'account' | 'taxRate' | 'item' | 'tracking' | 'brandingTheme' | 'currency';
  value: string;
  /** One sentence naming it: "Account 200 Sales is archived in Xero." */
  message: string;
  /** What to do, without "then press Retry". */
  fix: string;
}

const DEFAULT_FIX: Record<MappingProblem['kind'], string> = {
  account: 'Choose another account on the line or change the default on the Xero settings page',
  taxRate: 'Choose another tax rate on the line or change the default on the Xero settings page',
  item: 'Link the product to another Xero item, or remove the item from the line',
  tracking: 'Choose another tracking option on the line or change the default on the Xero settings page',
  brandingTheme: 'Choose another branding theme on the Xero settings page',
  currency:
    "Add the currency in Xero (Settings → Currencies) and press Refresh from Xero on the Xero settings page, or choose one of the organisation's currencies",
};

const REFRESH_FIX = 'Press Refresh from Xero on the Xero settings page';

const KIND_OF: Record<MappingProblem['kind'], { cache: SettingsKind; noun: string; plural: string }> = {
  account: { cache: 'accounts', noun: 'Account', plural: 'accounts' },
  taxRate: { cache: 'tax_rates', noun: 'Tax rate', plural: 'tax rates' },
  item: { cache: 'items', noun: 'Item', plural: 'items' },
  tracking: { cache: 'tracking_categories', noun: 'Tracking', plural: 'tracking categories' },
  brandingTheme: { cache: 'branding_themes', noun: 'Branding theme', plural: 'branding themes' },
  currency: { cache: 'currencies', noun: 'Currency', plural: 'currencies' },
};

const norm = (u: Use | null | undefined): MappingUse | null => {
  if (u === null || u === undefined) return null;
  const use = typeof u === 'string' ? { value: u } : u;
  const value = use.value.trim();
  return value ? { ...use, value } : null;
};
const list = (uses: ReadonlyArray<Use | null | undefined> | undefined): MappingUse[] => (uses ?? []).map(norm).filter((u): u is MappingUse => u !== null);
const where = (u: { where?: string }): string => (u.where ? ` (${u.where})` : '');
const isActive = (r: SnapshotRef): boolean => r.status.toUpperCase() === 'ACTIVE';
/** "archived", "deleted"…: Xero's own word for a status that is not ACTIVE. */
const statusWord = (r: SnapshotRef): string => r.status.toLowerCase();
const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Which codes and ids the snapshot must hold for these uses. */
export function wantedOf(uses: MappingUses) {
  const values = (u: ReadonlyArray<Use | null | undefined> | undefined) => list(u).map((x) => x.value);
  const theme = norm(uses.brandingThemeId);
  return {
    accountCodes: values(uses.accountCodes),
    taxTypes: values(uses.taxTypes),
    itemCodes: values(uses.itemCodes),
    brandingThemeIds: theme ? [theme.value] : [],
    currencies: values(uses.currencies),
    tracking: (uses.tracking ?? []).length > 0,
  };
}

/** Every use that Xero would refuse, in the order given; the same code used twice is reported once. */
export function mappingProblems(uses: MappingUses, snapshot: MappingSnapshot): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const seen = new Set<string>();
  const add = (p: MappingProblem) => {
    const key = `${p.kind}:${p.value}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push(p);
  };
  const neverRead = (kind: MappingProblem['kind'], u: MappingUse, label: string) =>
    add({
      kind,
      value: u.value,
      message: `Ledgerside has not read this organisation's ${KIND_OF[kind].plural} from Xero yet, so ${label}${where(u)} cannot be checked.`,
      fix: REFRESH_FIX,
    });

  const simple = (kind: Exclude<MappingProblem['kind'], 'tracking' | 'currency'>, used: MappingUse[], rows: SnapshotRef[]) => {
    const { noun, plural, cache } = KIND_OF[kind];
    for (const u of used) {
      const found = rows.find((r) => r.key === u.value);
      const fix = u.fix ?? DEFAULT_FIX[kind];
      if (!found) {
        if (!snapshot.refreshed.has(cache)) neverRead(kind, u, `${noun.toLowerCase()} ${u.value}`);
        else
          add({
            kind,
            value: u.value,
            message: `${noun} ${u.value}${where(u)} is not among this organisation's ${plural} in Xero (it may have been deleted there).`,
            fix,
          });
      } else if (!isActive(found)) {
        const name = found.name !== found.key ? ` ${found.name}` : '';
        add({
          kind,
          value: u.value,
          message: `${noun} ${kind === 'brandingTheme' ? found.name : `${u.value}${name}`}${where(u)} is ${statusWord(found)} in Xero.`,
          fix,
        });
      }
    }
  };
  simple('account', list(uses.accountCodes), snapshot.accounts);
  simple('taxRate', list(uses.taxTypes), snapshot.taxRates);
  simple('item', list(uses.itemCodes), snapshot.items);
  const theme = norm(uses.brandingThemeId);
  if (theme) simple('brandingTheme', [theme], snapshot.brandingThemes);

  for (const t of uses.tracking ?? []) {
    const u = { value: `${t.category}/${t.option}`, ...(t.where ? { where: t.where } : {}) };
    const fix = t.fix ?? DEFAULT_FIX.tracking;
    const category = snapshot.trackingCategories.find((c) => c.key === t.category) ?? snapshot.trackingCategories.find((c) => sameName(c.name, t.category));
    if (!category) {
      if (!snapshot.refreshed.has('tracking_categories')) neverRead('tracking', u, `tracking category ${t.category}`);
      else
        add({
          kind: 'tracking',
          value: u.value,
          message: `Tracking category ${t.category}${where(t)} is not among this organisation's tracking categories in Xero.`,
          fix,
        });
      continue;
    }
    if (!isActive(category)) {
      add({ kind: 'tracking', value: u.value, message: `Tracking category ${category.name}${where(t)} is ${statusWord(category)} in Xero.`, fix });
      continue;
    }
    const option = category.options.find((o) => o.key === t.option) ?? category.options.find((o) => sameName(o.name, t.option));
    if (!option)
      add({ kind: 'tracking', value: u.value, message: `Tracking option ${t.option} of ${category.name}${where(t)} is not among its options in Xero.`, fix });
    else if (!isActive(option))
      add({
        kind: 'tracking',
        value: u.value,
        message: `Tracking option ${option.name} of ${category.name}${where(t)} is ${statusWord(option)} in Xero.`,
        fix,
      });
  }

  if (snapshot.refreshed.has('currencies')) {
    for (const u of list(uses.currencies)) {
      const code = u.value.toUpperCase();
      if (!snapshot.currencies.some((c) => c.key.toUpperCase() === code))
        add({
          kind: 'currency',
          value: code,
          message: `Currency ${code}${where(u)} is not one of this organisation's currencies in Xero.`,
          fix: u.fix ?? DEFAULT_FIX.currency,
        });
    }
  }
  return problems;
}

/** The stop for these problems: every one named in the message, each distinct fix in the advice. */
export function mappingStop(problems: readonly MappingProblem[]): SyncStop {
  const fixes = [...new Set(problems.map((p) => p.fix))];
  return new SyncStop(problems.map((p) => p.message).join(' '), `${fixes.join('. ')}, then press Retry.`);
}

/**
 * Reads what the cache knows about these uses and throws `SyncStop` naming every missing or
 * archived one (no Xero call is made). Call it before the first write of a send.
 */
export async function checkMapping(tdb: TenantDb, uses: MappingUses): Promise<void> {
  const wanted = wantedOf(uses);
  const nothing =
    !wanted.tracking && [wanted.accountCodes, wanted.taxTypes, wanted.itemCodes, wanted.brandingThemeIds, wanted.currencies].every((v) => v.length === 0);
  if (nothing) return;
  const problems = mappingProblems(uses, await mappingSnapshot(tdb, wanted));
  if (problems.length) throw mappingStop(problems);
}

/**
 * The check for many records at once (a bulk batch): one read of the cache for all their uses, then
 * each record's problems as `checkMapping` would throw them. Answers the stop of each record that has one.
 */
export async function mappingStops<K>(tdb: TenantDb, usesOf: ReadonlyMap<K, MappingUses>): Promise<Map<K, SyncStop>> {
  const stops = new Map<K, SyncStop>();
  const all = [...usesOf.values()].map(wantedOf);
  const union = {
    accountCodes: [...new Set(all.flatMap((w) => w.accountCodes))],
    taxTypes: [...new Set(all.flatMap((w) => w.taxTypes))],
    itemCodes: [...new Set(all.flatMap((w) => w.itemCodes))],
    brandingThemeIds: [...new Set(all.flatMap((w) => w.brandingThemeIds))],
    currencies: [...new Set(all.flatMap((w) => w.currencies))],
    tracking: all.some((w) => w.tracking),
  };
  const nothing =
    !union.tracking && [union.accountCodes, union.taxTypes, union.itemCodes, union.brandingThemeIds, union.currencies].every((v) => v.length === 0);
  if (nothing) return stops;
  const snapshot = await mappingSnapshot(tdb, union);
  for (const [key, uses] of usesOf) {
    const problems = mappingProblems(uses, snapshot);
    if (problems.length) stops.set(key, mappingStop(problems));
  }
  return stops;
}

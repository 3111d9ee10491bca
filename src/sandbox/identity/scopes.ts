/** The scope names the sandbox accepts, as Xero does: OpenID scopes, granular and older broad ones. */

const openIdScopes = ['openid', 'profile', 'email', 'offline_access'];

/** Scopes with both a read-write and a `.read` form. */
const readWriteScopes = [
  // granular (apps created since March 2026)
  'accounting.invoices',
  'accounting.payments',
  'accounting.banktransactions',
  'accounting.manualjournals',
  // broad (older apps; accounting.transactions stops working in Sept 2027)
  'accounting.transactions',
  // both generations
  'accounting.contacts',
  'accounting.settings',
  'accounting.attachments',
];

const readOnlyScopes = [
  'accounting.reports.read',
  'accounting.journals.read',
  'accounting.budgets.read',
  'accounting.reports.aged.read',
  'accounting.reports.balancesheet.read',
  'accounting.reports.banksummary.read',
  'accounting.reports.budgetsummary.read',
  'accounting.reports.executivesummary.read',
  'accounting.reports.profitandloss.read',
  'accounting.reports.trialbalance.read',
  'accounting.reports.taxreports.read',
  'accounting.reports.tenninetynine.read',
];

export const supportedScopes: readonly string[] = [...openIdScopes, ...readWriteScopes.flatMap((s) => [s, `${s}.read`]), ...readOnlyScopes];

const supported = new Set(supportedScopes);

export type ScopeParse = { ok: true; scopes: string[] } | { ok: false; unknown: string[] };

/** Splits a space-separated scope parameter; duplicates collapse, order is kept. */
export function parseScopeParam(raw: string): ScopeParse {
  const scopes = [...new Set(raw.split(/\s+/).filter((s) => s !== ''))];
  const unknown = scopes.filter((s) => !supported.has(s));
  return unknown.length > 0 ? { ok: false, unknown } : { ok: true, scopes };
}

/** True when the scopes reach organisation data, so the user must pick organisations to connect. */
export const needsOrganisations = (scopes: readonly string[]): boolean => scopes.some((s) => s.startsWith('accounting.'));

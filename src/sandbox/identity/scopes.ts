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

const scopeSubjects: Record<string, string> = {
  'accounting.invoices': 'invoices, quotes and purchase orders',
  'accounting.payments': 'payments',
  'accounting.banktransactions': 'bank transactions',
  'accounting.manualjournals': 'manual journals',
  'accounting.transactions': 'invoices, payments and other transactions',
  'accounting.contacts': 'contacts',
  'accounting.settings': 'organisation settings: accounts, tax rates, items',
  'accounting.attachments': 'attachments',
  'accounting.journals': 'journals',
  'accounting.budgets': 'budgets',
};

/** What a scope lets the app do, in the consent page's plain words. */
export function describeScope(scope: string): string {
  switch (scope) {
    case 'openid':
      return 'Sign you in with your Xero account';
    case 'profile':
      return 'See your name';
    case 'email':
      return 'See your email address';
    case 'offline_access':
      return 'Keep access while you are not using it';
  }
  const readOnly = scope.endsWith('.read');
  const base = readOnly ? scope.slice(0, -'.read'.length) : scope;
  if (base.startsWith('accounting.reports')) return 'View your reports';
  const subject = scopeSubjects[base] ?? base;
  return readOnly ? `View your ${subject}` : `View and manage your ${subject}`;
}

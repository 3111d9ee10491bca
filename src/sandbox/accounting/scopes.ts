/**
 * Which OAuth scopes open which endpoints: Xero's granular scopes and the older broad names.
 */
export type ScopeArea = 'contacts' | 'invoices' | 'payments' | 'settings' | 'attachments';
export type AccessMode = 'read' | 'write';

const WRITE_SCOPES: Record<ScopeArea, string[]> = {
  contacts: ['accounting.contacts'],
  invoices: ['accounting.invoices', 'accounting.transactions'],
  payments: ['accounting.payments', 'accounting.transactions'],
  settings: ['accounting.settings'],
  attachments: ['accounting.attachments'],
};

export function acceptedScopes(area: ScopeArea, mode: AccessMode): string[] {
  const write = WRITE_SCOPES[area];
  return mode === 'write' ? write : [...write, ...write.map((s) => `${s}.read`)];
}

export function hasScope(granted: readonly string[], area: ScopeArea, mode: AccessMode): boolean {
  const accepted = acceptedScopes(area, mode);
  return granted.some((s) => accepted.includes(s));
}

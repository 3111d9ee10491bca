/**
 * Loads the Accounting API side from ./accounting/index.js (export `accountingSide`). The specifier is
 * computed so the sandbox still type-checks while that module is being written; the value is checked
 * at run time instead.
 */
import type { AccountingSide } from './contracts.js';

function isAccountingSide(value: unknown): value is AccountingSide {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['ensureSchema', 'createOrganisation', 'getOrganisation', 'createRouter'].every((k) => typeof v[k] === 'function');
}

export async function loadAccountingSide(): Promise<AccountingSide> {
  const specifier = ['.', 'accounting', 'index.js'].join('/');
  const mod: unknown = await import(specifier);
  const side = typeof mod === 'object' && mod !== null ? (mod as Record<string, unknown>).accountingSide : undefined;
  if (!isAccountingSide(side)) throw new Error('src/sandbox/accounting/index.ts does not export an AccountingSide named accountingSide');
  return side;
}

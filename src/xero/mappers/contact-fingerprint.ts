/**
 * Pure: a stable fingerprint of what would be sent to Xero for a contact, so a contact whose mapped
 * fields have not changed since it was last sent costs no call. Computed from the wire form (what
 * xero-node sends), canonicalised so that only what Xero keeps counts:
 * - object keys in any order; ContactID and ContactStatus ignored (they say which record, not what);
 * - empty strings count as absent, and a phone or address with nothing but its type is dropped;
 * - Phones and Addresses in any order (Xero keys them by PhoneType / AddressType);
 * - ContactPersons keep their order (the first is the primary person).
 * The version prefix changes whenever the canonical form does, so old fingerprints read as "changed".
 */
import { createHash } from 'node:crypto';
import type { Contact } from 'xero-node';
import { contactToWire, type XeroContactWire } from './contact-mapper.js';

export const CONTACT_FINGERPRINT_VERSION = 'xc1';

const IGNORED_TOP_LEVEL = new Set(['ContactID', 'ContactStatus']);
const KEYED_LISTS: Record<string, string> = { Phones: 'PhoneType', Addresses: 'AddressType' };

type Canonical = string | number | boolean | null | Canonical[] | { [key: string]: Canonical };

function canonical(value: unknown, listKey?: string): Canonical | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v)).filter((v): v is Canonical => v !== undefined);
    if (!listKey) return items;
    const typeOf = (v: Canonical): string => (v !== null && typeof v === 'object' && !Array.isArray(v) ? String(v[listKey] ?? '') : '');
    return items
      .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).some((k) => k !== listKey))
      .sort((a, b) => {
        const [ta, tb] = [typeOf(a), typeOf(b)];
        if (ta !== tb) return ta < tb ? -1 : 1;
        const [ja, jb] = [JSON.stringify(a), JSON.stringify(b)];
        return ja < jb ? -1 : ja > jb ? 1 : 0;
      });
  }
  if (typeof value === 'object') {
    const out: { [key: string]: Canonical } = {};
    for (const key of Object.keys(value).sort()) {
      const v = canonical((value as Record<string, unknown>)[key], KEYED_LISTS[key]);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }
  return String(value);
}

/** The fingerprint of a contact's wire form (as `contactToWire` gives it). */
export function wireContactFingerprint(wire: XeroContactWire): string {
  const fields = Object.fromEntries(Object.entries(wire).filter(([key]) => !IGNORED_TOP_LEVEL.has(key)));
  const body = JSON.stringify(canonical(fields) ?? {});
  return `${CONTACT_FINGERPRINT_VERSION}:${createHash('sha256').update(body).digest('hex')}`;
}

/** The fingerprint of a mapped contact (`mapContactToXero`'s result). */
export function contactFingerprint(contact: Contact): string {
  return wireContactFingerprint(contactToWire(contact));
}

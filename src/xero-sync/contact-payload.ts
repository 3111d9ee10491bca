/** From the contacts capability's records to the shared mapper's input (src/xero/mappers), and the payload's fingerprint. */
import type { Contact as XeroContact } from 'xero-node';
import type { Contact } from '../contacts/index.js';
import type { ContactForXero } from '../xero/index.js';
import { mapContactToXero } from '../xero/index.js';
import { contactFingerprint } from '../xero/index.js';

/** A company with its active people, or a person of their own. */
export function contactForXero(contact: Contact, people: readonly Contact[] = []): ContactForXero {
  const fields = { ...contact, accountNumber: null };
  if (contact.kind === 'person') return { ...fields, kind: 'person' };
  return {
    ...fields,
    kind: 'company',
    people: people
      .filter((p) => p.archivedAt === null)
      .map((p) => ({ id: p.id, name: p.name, firstName: p.firstName, lastName: p.lastName, email: p.email, createdAt: p.createdAt })),
  };
}

export function payloadOf(contact: Contact, people: readonly Contact[] = []): { input: ContactForXero; payload: XeroContact; fingerprint: string } {
  const input = contactForXero(contact, people);
  const payload = mapContactToXero(input);
  return { input, payload, fingerprint: contactFingerprint(payload) };
}

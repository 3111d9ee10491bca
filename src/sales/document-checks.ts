/**
 * Checks that need the database, shared by quotes and sales orders: the contact belongs to this
 * organisation (another organisation's id simply is not found), the currency is one of its own, the
 * number is free. Each failure is a message for one field.
 */
import { ValidationError } from '../common/errors.js';
import type { TenantDb } from '../db/tenant-db.js';
import type { FieldErrors } from '../http/form-input.js';
import type { SalesLookups } from './sales-lookups.js';
import { numberExists, type NumberSequence } from './numbering.js';
import { isUniqueViolation } from '../db/unique-violation.js';

export async function checkContact(tdb: TenantDb, contactId: string, currentContactId: string | null, errors: FieldErrors): Promise<void> {
  const contact: { archived_at: unknown } | undefined = await tdb.from('contacts').where({ id: contactId }).first('archived_at');
  if (!contact) errors.contactId = 'Choose a contact from the list.';
  else if (contact.archived_at && contactId !== currentContactId) errors.contactId = 'That contact is archived: restore it first or choose another.';
}

export function checkCurrency(lookups: SalesLookups, currency: string, errors: FieldErrors): void {
  if (!lookups.currencies.some((c) => c.value === currency)) errors.currency = 'Choose one of this organisation\'s currencies.';
}

export async function checkNumberFree(tdb: TenantDb, sequence: NumberSequence, number: string, exceptId: string | undefined, errors: FieldErrors): Promise<void> {
  if (await numberExists(tdb, sequence, number, exceptId)) errors.number = `${number} is already used by another ${sequence.kind === 'quote' ? 'quote' : 'sales order'}. Choose another number or leave it blank for the next one.`;
}

/**
 * Two saves racing for one number: the unique index refuses the second. A number we picked ourselves
 * is simply picked again (a few times); a number the user typed is reported next to the field.
 */
export async function guardNumberRace<T>(work: () => Promise<T>, autoNumbered = false): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (autoNumbered && attempt < 5) continue;
      throw new ValidationError('That number was just taken.', { number: 'That number was just used by another document. Choose another or leave it blank.' }, { cause: error });
    }
  }
}

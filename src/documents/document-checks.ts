/**
 * Checks that need the database, for every document kind: the contact is one of this organisation's
 * (asked of the contacts capability; another organisation's id simply is not found) and a supplier when
 * the kind needs one, the currency is one of its own, the number is free. Each failure is a message for
 * one field.
 */
import { ValidationError } from '../common/errors.js';
import type { TenantDb } from '../db/tenant-db.js';
import type { FieldErrors } from '../http/form-input.js';
import { contactStanding } from '../contacts/index.js';
import type { DocumentKind } from './document-kind.js';
import type { LineLookups } from './line-lookups.js';
import { numberExists, type NumberSequence } from './numbering.js';
import { isUniqueViolation } from '../db/unique-violation.js';

export async function checkContact(
  tdb: TenantDb,
  kind: Pick<DocumentKind, 'counterparty'>,
  contactId: string,
  currentContactId: string | null,
  errors: FieldErrors,
): Promise<void> {
  const contact = await contactStanding(tdb, contactId);
  if (!contact) errors.contactId = 'Choose a contact from the list.';
  else if (contact.archived && contactId !== currentContactId) errors.contactId = 'That contact is archived: restore it first or choose another.';
  else if (kind.counterparty === 'supplier' && !contact.isSupplier && contactId !== currentContactId)
    errors.contactId = 'That contact is not a supplier: mark it as one first or choose another.';
}

export function checkCurrency(lookups: LineLookups, currency: string, errors: FieldErrors): void {
  if (!lookups.currencies.some((c) => c.value === currency)) errors.currency = "Choose one of this organisation's currencies.";
}

export async function checkNumberFree(
  tdb: TenantDb,
  kind: NumberSequence & Pick<DocumentKind, 'messages'>,
  number: string,
  exceptId: string | undefined,
  errors: FieldErrors,
): Promise<void> {
  if (await numberExists(tdb, kind, number, exceptId))
    errors.number = `${number} is already used by another ${kind.messages.noun}. Choose another number or leave it blank for the next one.`;
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
      throw new ValidationError(
        'That number was just taken.',
        { number: 'That number was just used by another document. Choose another or leave it blank.' },
        { cause: error },
      );
    }
  }
}

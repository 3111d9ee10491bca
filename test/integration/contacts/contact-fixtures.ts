/** Test data builders for contacts (each test makes its own). */
import type { Database } from '../../../src/db/database.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { contactService } from '../../../src/contacts/index.js';
import type { ContactInput } from '../../../src/contacts/index.js';

const blankAddress = { line1: null, line2: null, city: null, region: null, postalCode: null, country: null };

export function contactInput(overrides: Partial<ContactInput> = {}): ContactInput {
  return {
    kind: 'company', name: 'Acme Ltd', firstName: null, lastName: null, companyId: null, isCustomer: true, isSupplier: false,
    email: null, phone: null, mobile: null, postalAddress: blankAddress, streetAddress: blankAddress, taxNumber: null,
    defaultCurrency: null, paymentTermsDays: null, paymentTermsType: null, notes: null, ...overrides,
  };
}

export async function createContact(db: Database, organisationId: string, overrides: Partial<ContactInput> = {}, now?: Date): Promise<string> {
  return contactService(tenantDb(db, organisationId), now ? { now: () => now } : {}).create(contactInput(overrides));
}

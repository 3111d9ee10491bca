/** CRM contacts for sync tests, written through the contacts capability. */
import type { TenantDb } from '../../src/db/tenant-db.js';
import { contactService, type ContactInput } from '../../src/contacts/index.js';

const noAddress = { line1: null, line2: null, city: null, region: null, postalCode: null, country: null };

export function contactInput(overrides: Partial<ContactInput> & { name: string }): ContactInput {
  return {
    kind: 'company',
    firstName: null,
    lastName: null,
    companyId: null,
    isCustomer: true,
    isSupplier: false,
    email: null,
    phone: null,
    mobile: null,
    postalAddress: noAddress,
    streetAddress: noAddress,
    taxNumber: null,
    defaultCurrency: null,
    paymentTermsDays: null,
    paymentTermsType: null,
    notes: null,
    ...overrides,
  };
}

export async function makeContact(tdb: TenantDb, overrides: Partial<ContactInput> & { name: string }): Promise<string> {
  return contactService(tdb).create(contactInput(overrides));
}

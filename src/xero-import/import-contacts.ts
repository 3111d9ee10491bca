/**
 * One page of Xero contacts into the CRM, inside the caller's transaction. Upsert by ContactID; an
 * active Xero contact whose name an unlinked active CRM contact already has is linked to it rather than
 * duplicated (Xero and the CRM both keep active names unique). Xero owns the fields it has; kind,
 * company and notes stay as people set them in Ledgerside.
 */
import type { Contact as XeroContact } from 'xero-node';
import type { TenantDb } from '../db/tenant-db.js';
import { contactRepository, type Contact, type ContactInput } from '../contacts/index.js';
import { contactLinksRepository } from './contact-links-repository.js';
import { mapXeroContact, textOf } from './xero-contact-mapper.js';
import { pageTally, type ImportPageDeps } from './page-tally.js';
import type { ImportedContact, Outcome, PageResult } from './xero-import.js';

function inputOf(c: ContactInput): ContactInput {
  return {
    kind: c.kind,
    name: c.name,
    firstName: c.firstName,
    lastName: c.lastName,
    companyId: c.companyId,
    isCustomer: c.isCustomer,
    isSupplier: c.isSupplier,
    email: c.email,
    phone: c.phone,
    mobile: c.mobile,
    postalAddress: { ...c.postalAddress },
    streetAddress: { ...c.streetAddress },
    taxNumber: c.taxNumber,
    defaultCurrency: c.defaultCurrency,
    paymentTermsDays: c.paymentTermsDays,
    paymentTermsType: c.paymentTermsType,
    notes: c.notes,
  };
}

export async function importContactsPage(tdb: TenantDb, xeroContacts: XeroContact[], deps: ImportPageDeps): Promise<PageResult> {
  const contacts = contactRepository(tdb);
  const links = contactLinksRepository(tdb);
  const { now } = deps;
  const mapped = xeroContacts.map(mapXeroContact);
  const linked = await links.byXeroIds(mapped.flatMap((m) => (m.ok ? [m.value.xeroContactId] : [])));
  const tally = pageTally();

  /** Another active contact holds this name: Xero's uniqueness rule would be broken. */
  async function nameHeldByOther(name: string, selfId: string | null): Promise<boolean> {
    const holder = await links.activeByName(name);
    return holder !== null && holder.id !== selfId;
  }

  async function updateFrom(existing: Contact, x: ImportedContact): Promise<Outcome> {
    const input = inputOf({ ...x.fields, kind: existing.kind, companyId: existing.companyId, notes: existing.notes });
    const wasArchived = existing.archivedAt !== null;
    if (!x.archived && (await nameHeldByOther(input.name, existing.id))) {
      return tally.skip(x.xeroContactId, input.name, 'Another active contact in Ledgerside already has this name.');
    }
    const sameFields = JSON.stringify(inputOf(existing)) === JSON.stringify(input);
    const needsLink = existing.xeroContactId !== x.xeroContactId;
    if (sameFields && !needsLink && wasArchived === x.archived) return 'unchanged';
    if (!sameFields) await contacts.update(existing.id, input, now);
    if (needsLink) await links.link(existing.id, x.xeroContactId, now);
    if (wasArchived !== x.archived) await contacts.setArchived(existing.id, x.archived ? now : null, now);
    await links.importedAt(existing.id, now);
    return 'updated';
  }

  async function importOne(x: ImportedContact): Promise<Outcome> {
    const existing = linked.get(x.xeroContactId);
    if (existing) return updateFrom(existing, x);
    if (!x.archived) {
      const sameName = await links.activeByName(x.fields.name);
      if (sameName && sameName.xeroContactId === null) return updateFrom(sameName, x);
      if (sameName) return tally.skip(x.xeroContactId, x.fields.name, 'The Ledgerside contact with this name is linked to a different Xero contact.');
    }
    const id = deps.newId();
    const input: ContactInput = { ...x.fields, companyId: null, notes: null };
    if (x.archived) {
      // The contacts repository inserts active contacts, and an active contact may already have this
      // name (only active names are unique): insert under the unique Xero id, archive, then name it.
      await contacts.insert(id, { ...input, name: x.xeroContactId }, now);
      await contacts.setArchived(id, now, now);
      await contacts.update(id, input, now);
    } else {
      await contacts.insert(id, input, now);
    }
    await links.link(id, x.xeroContactId, now);
    await links.importedAt(id, now);
    return 'created';
  }

  for (const [i, m] of mapped.entries()) {
    const raw = xeroContacts[i];
    tally.add(m.ok ? await importOne(m.value) : tally.skip(textOf(raw?.contactID, 36), textOf(raw?.name, 255), m.reason));
  }
  return tally.result();
}

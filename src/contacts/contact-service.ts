/**
 * Contact use-cases: listing, the record page, create/edit with the checks that need the database
 * (company of this organisation, the organisation's currencies, Xero's unique active names), archive.
 */
import { randomUUID } from 'node:crypto';
import type { TenantDb } from '../db/tenant-db.js';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors.js';
import { xeroSettingsReader } from '../xero-settings/index.js';
import type { Choice } from '../common/choice.js';
import { readPickerChoices, type PickerChoices } from '../common/search-picker.js';
import { personKey, xeroKey, type Contact, type ContactInput } from './contact.js';
import { contactFromRow, contactRepository, type ContactListOptions, type ContactPage } from './contact-repository.js';
import { requiredText, text, type DbRow } from '../db/row-values.js';
import { ISO_CURRENCIES, type FieldErrors } from '../http/form-input.js';
import { isUniqueViolation } from '../db/unique-violation.js';

export interface ContactServiceDeps {
  now?: () => Date;
  newId?: () => string;
}

export interface ContactRecord {
  contact: Contact;
  company: Contact | null;
  /** A company's people (none for a person). */
  people: Contact[];
  /** A person's company's people, the person included (none without a company): what the company is sent to Xero with. */
  companyPeople: Contact[];
  /**
   * The contacts rows read for the page, by id, as read: capabilities that keep their own columns on
   * contacts (xero-sync's link) read them here instead of reading the rows again.
   */
  rows: ReadonlyMap<string, DbRow>;
}

/** The contact a record page loaded, with what it read with it (ContactRecord), for its panels. */
export interface LoadedContact extends Contact {
  loaded: Omit<ContactRecord, 'contact'>;
}

/** Companies the Company dropdown lists; past this, "Find company" searches them. */
export const COMPANY_CHOICE_LIMIT = 500;
export const COMPANY_SEARCH_LIMIT = 50;

export interface ContactFormOptions {
  companies: PickerChoices;
  /** The organisation's Xero currencies; empty until the settings cache has been refreshed. */
  currencies: Choice[];
}

const NAME_TAKEN = 'An active contact already has this name. Xero needs names to be unique: add something to tell them apart.';

export function contactService(tdb: TenantDb, deps: ContactServiceDeps = {}) {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  const repo = contactRepository(tdb);

  async function get(id: string): Promise<Contact> {
    const contact = await repo.findById(id);
    if (!contact) throw new NotFoundError('contact');
    return contact;
  }

  /** Field errors for the checks that need this organisation's data. */
  async function check(input: ContactInput, existing: Contact | null): Promise<FieldErrors> {
    const errors: FieldErrors = {};
    if (input.companyId) {
      const company = await repo.kindOf(input.companyId);
      const keepsArchived = existing?.companyId === input.companyId;
      if (!company || company.kind !== 'company' || (company.archived && !keepsArchived) || input.companyId === existing?.id) {
        errors.company_id = 'Choose one of your active companies.';
      }
    }
    if (existing?.kind === 'company' && input.kind === 'person' && (await repo.peopleOf(existing.id)).length > 0) {
      errors.kind = 'This company has people. Move them to another company before making it a person.';
    }
    if (input.defaultCurrency) {
      const cached = (await xeroSettingsReader(tdb).currencies()).map((c) => c.value);
      const known = cached.length ? cached.includes(input.defaultCurrency) : ISO_CURRENCIES.has(input.defaultCurrency);
      if (!known)
        errors.default_currency = cached.length ? "Choose one of your organisation's currencies in Xero." : 'Enter a valid ISO 4217 currency code, like NZD.';
    }
    const active = !existing || existing.archivedAt === null;
    if (active && (await repo.activeNameTaken(input.name, existing?.id))) errors.name = NAME_TAKEN;
    return errors;
  }

  async function write(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      // Two saves racing past the check: the partial unique index has the last word.
      if (isUniqueViolation(error, 'name')) throw new ValidationError('Please correct the errors below.', { name: NAME_TAKEN }, { cause: error });
      throw error;
    }
  }

  return {
    get,

    list(options: ContactListOptions): Promise<ContactPage> {
      return repo.list(options);
    },

    /** The name check alone, so a form with other mistakes still says the name is taken in the same round. */
    async nameError(name: string, existingId?: string): Promise<string | null> {
      if (!name.trim()) return null;
      const existing = existingId ? await get(existingId) : null;
      if (existing?.archivedAt) return null;
      return (await repo.activeNameTaken(name, existingId)) ? NAME_TAKEN : null;
    },

    async record(id: string): Promise<ContactRecord> {
      const rows = new Map<string, DbRow>();
      for (const row of await repo.withCompanyAndPeople(id)) rows.set(requiredText(row, 'id'), row);
      const read = (key: string | null) => {
        const row = key === null ? undefined : rows.get(key);
        return row ? contactFromRow(row) : null;
      };
      const contact = read(id);
      if (!contact) throw new NotFoundError('contact');
      const company = read(contact.companyId);
      // In name order, as read; each person once.
      const peopleAt = (companyId: string) =>
        [...rows.values()].filter((r) => text(r, 'kind') === 'person' && text(r, 'company_id') === companyId).map(contactFromRow);
      return {
        contact,
        company,
        people: contact.kind === 'company' ? peopleAt(contact.id) : [],
        companyPeople: company ? peopleAt(company.id) : [],
        rows,
      };
    },

    /**
     * The form's dropdowns. Companies: the first COMPANY_CHOICE_LIMIT active ones, or a "Find company"
     * search's matches; the chosen company is always listed (marked if archived), the contact itself never.
     */
    async formOptions(current?: Contact, chosen: { companyId?: string; companySearch?: string } = {}): Promise<ContactFormOptions> {
      const companies = await readPickerChoices({
        search: chosen.companySearch ?? '',
        chosenId: chosen.companyId ?? current?.companyId ?? '',
        listLimit: COMPANY_CHOICE_LIMIT,
        searchLimit: COMPANY_SEARCH_LIMIT,
        ...(current ? { exclude: current.id } : {}),
        rows: (limit, search) => repo.companies({ limit, ...(search ? { search } : {}) }),
        chosen: async (id) => {
          const company = await repo.findById(id);
          return company?.kind === 'company' ? { value: company.id, label: company.archivedAt ? `${company.name} (archived)` : company.name } : null;
        },
      });
      return { companies, currencies: await xeroSettingsReader(tdb).currencies() };
    },

    async create(input: ContactInput): Promise<string> {
      const errors = await check(input, null);
      if (Object.keys(errors).length) throw new ValidationError('Please correct the errors below.', errors);
      const id = newId();
      const at = now();
      await write(() => repo.insert(id, input, at));
      if (input.kind === 'person' && input.companyId) await repo.touchXeroChanged(input.companyId, at);
      return id;
    },

    async update(id: string, input: ContactInput): Promise<void> {
      const existing = await get(id);
      const errors = await check(input, existing);
      if (Object.keys(errors).length) throw new ValidationError('Please correct the errors below.', errors);
      const at = now();
      await write(() => repo.update(id, input, at, xeroKey(existing) !== xeroKey(input)));
      // A person goes to Xero as one of their company's ContactPersons: the companies they leave or join change.
      if (personKey(existing) !== personKey(input)) {
        for (const companyId of new Set([existing.kind === 'person' ? existing.companyId : null, input.kind === 'person' ? input.companyId : null])) {
          if (companyId) await repo.touchXeroChanged(companyId, at);
        }
      }
    },

    async archive(id: string): Promise<Contact> {
      const contact = await get(id);
      if (!contact.archivedAt) {
        const at = now();
        await repo.setArchived(id, at, at);
        // Archived people are no longer sent as their company's ContactPersons.
        if (contact.kind === 'person' && contact.companyId) await repo.touchXeroChanged(contact.companyId, at);
      }
      return contact;
    },

    async unarchive(id: string): Promise<Contact> {
      const contact = await get(id);
      if (!contact.archivedAt) return contact;
      if (await repo.activeNameTaken(contact.name, id)) {
        throw new ConflictError(`Another active contact is already called "${contact.name}". Rename one of them before restoring this one.`);
      }
      const at = now();
      await repo.setArchived(id, null, at);
      if (contact.kind === 'person' && contact.companyId) await repo.touchXeroChanged(contact.companyId, at);
      return contact;
    },
  };
}

export type ContactService = ReturnType<typeof contactService>;

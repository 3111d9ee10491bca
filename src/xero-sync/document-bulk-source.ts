/**
 * A document list's bulk send (sales orders → invoices, purchase orders): "Select all N matching" is
 * the list's search and filters (the document kit's grammar, plus `unsent=1` for "Send all not yet
 * sent"); the plan counts the documents' contacts Xero will get new, updated or not at all (people of a
 * company count as the company) and the calls: the contacts' (contact-bulk-source.ts), one create call
 * per 50 new documents, and per 50 changed ones the update call (and a read where the kind needs one).
 */
import type { Knex } from 'knex';
import { contactRepository } from '../contacts/index.js';
import { documentPageIds, parseDocumentListQuery, type DocumentListFilter } from '../documents/index.js';
import type { TenantDb } from '../db/tenant-db.js';
import { requiredText, text, type DbRow } from '../db/row-values.js';
import type { BulkPlan, BulkSource } from './bulk-runs.js';
import { contactCalls } from './contact-bulk-source.js';

/** Documents per batch call. */
const PER_CALL = 50;

export interface DocumentBulkSpec {
  kind: string;
  noun: string;
  plural: string;
  listPath: string;
  /** What a document becomes in Xero, plural ("invoices", "purchase orders"). */
  xeroPlural: string;
  table: string;
  statuses: readonly string[];
  /** The column holding the Xero document's id once sent. */
  xeroIdColumn: string;
  /** The kind's filters in the kit's grammar (the sales orders' Xero invoice status). */
  listFilters?: readonly DocumentListFilter[];
  /** The list's own filters beyond the kit's (parameter names), applied by `narrow`. */
  extraParams?: readonly string[];
  narrow?: (query: Record<string, string>) => (builder: Knex.QueryBuilder) => void;
  /** The run's label of one document (the sync log's Record). */
  label(row: { number: string; contactName: string }): string;
  /** Why a document cannot go (null: it can). */
  skipReason?(row: { status: string; sent: boolean }): string | null;
  /** Calls per 50 changed documents: the update, and a read first where the kind checks Xero's copy. */
  callsPerUpdate: number;
}

export function documentBulkSource(spec: DocumentBulkSpec): BulkSource {
  const { table } = spec;
  return {
    kind: spec.kind,
    noun: spec.noun,
    plural: spec.plural,
    listPath: spec.listPath,
    xeroPlural: spec.xeroPlural,
    filterParams: ['q', 'status', 'contactId', 'from', 'to', 'unsent', ...(spec.listFilters ?? []).map((f) => f.name), ...(spec.extraParams ?? [])],

    async matchingIds(tdb, query, limit) {
      const parsed = parseDocumentListQuery(query, spec.statuses, spec.listFilters);
      const extra = spec.narrow?.(query);
      const { ids } = await documentPageIds(
        tdb,
        table,
        { ...parsed, page: 1, pageSize: limit },
        (b) => {
          if (query.unsent === '1') b.whereNull(`${table}.${spec.xeroIdColumn}`);
          extra?.(b);
        },
        spec.listFilters,
      );
      return ids;
    },

    async plan(tdb: TenantDb, ids: readonly string[]): Promise<BulkPlan> {
      const rows = new Map<string, DbRow>();
      for (let i = 0; i < ids.length; i += 500) {
        const chunk: DbRow[] = await tdb
          .from(table)
          .leftJoin(tdb.scoped('contacts', 'c'), 'c.id', `${table}.contact_id`)
          .whereIn(`${table}.id`, ids.slice(i, i + 500))
          .select(
            `${table}.id`,
            `${table}.number`,
            `${table}.status`,
            `${table}.contact_id`,
            `${table}.${spec.xeroIdColumn} as xero_id`,
            'c.name as contact_name',
          );
        for (const row of chunk) rows.set(requiredText(row, 'id'), row);
      }
      const plan: BulkPlan = { records: [], skipped: [], contactsToCreate: 0, contactsToUpdate: 0, contactsUnchanged: 0, calls: 0 };
      const contactOf = new Map<string, string>();
      let creates = 0;
      let updates = 0;
      for (const id of new Set(ids)) {
        const row = rows.get(id);
        if (!row) continue;
        const label = spec.label({ number: requiredText(row, 'number'), contactName: text(row, 'contact_name') ?? '' });
        const sent = text(row, 'xero_id') !== null;
        const reason = spec.skipReason?.({ status: requiredText(row, 'status'), sent }) ?? null;
        if (reason) {
          plan.skipped.push({ label, reason });
          continue;
        }
        plan.records.push({ id, label });
        contactOf.set(id, requiredText(row, 'contact_id'));
        if (sent) updates += 1;
        else creates += 1;
      }
      // The contacts as a send sees them: a person of a company goes as the company.
      const repo = contactRepository(tdb);
      const states = new Map((await repo.sendStates([...new Set(contactOf.values())])).map((s) => [s.id, s]));
      const companies = [...states.values()].flatMap((s) => (s.kind === 'person' && s.companyId && !states.has(s.companyId) ? [s.companyId] : []));
      for (const s of await repo.sendStates([...new Set(companies)])) states.set(s.id, s);
      const sentAs = (id: string) => {
        const asked = states.get(id);
        return asked?.kind === 'person' && asked.companyId ? (states.get(asked.companyId) ?? asked) : asked;
      };
      // Each batch of 50 documents ensures its own contacts first: a lookup and a create when some are new, a read and an update when some changed.
      const counted = new Set<string>();
      let contactCallsMade = 0;
      for (let i = 0; i < plan.records.length; i += PER_CALL) {
        let fresh = 0;
        let changed = 0;
        for (const r of plan.records.slice(i, i + PER_CALL)) {
          const contact = sentAs(contactOf.get(r.id)!);
          if (!contact || counted.has(contact.id)) continue;
          counted.add(contact.id);
          if (!contact.inXero) fresh += 1;
          else if (contact.changedSinceSent) changed += 1;
          else plan.contactsUnchanged += 1;
        }
        plan.contactsToCreate += fresh;
        plan.contactsToUpdate += changed;
        contactCallsMade += contactCalls(fresh, changed);
      }
      plan.documents = { create: creates, update: updates };
      plan.calls = contactCallsMade + Math.ceil(creates / PER_CALL) + Math.ceil(updates / PER_CALL) * spec.callsPerUpdate;
      return plan;
    },
  };
}

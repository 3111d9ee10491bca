/**
 * The use-cases every document kind shares: blank and edit forms, create and edit (validated header
 * and lines, numbered, written in one transaction), status changes and delete, each refused with a
 * ConflictError when the kind says the document is locked. Validation failures throw ValidationError
 * with per-field messages; nothing is written then. A kind adds its own use-cases beside these.
 */
import type { z } from 'zod';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { todayIso } from '../common/dates.js';
import type { TenantDb } from '../db/tenant-db.js';
import type { FormValues } from '../http/form-input.js';
import { guardNumberRace } from './document-checks.js';
import type { DocumentKind } from './document-kind.js';
import type { DocumentListQuery } from './document-list.js';
import type { DocumentStore } from './document-store.js';
import { validateDocument, type DocumentHeaderBase, type ExtraCheck } from './document-validation.js';
import { draftFromLine } from './drafts.js';
import type { DocumentForm } from './document-form.js';
import type { LineLookupsLoader } from './line-lookups.js';
import { emptyLineDraft, type DocumentLine, type LineDraft } from './lines.js';
import { peekNextNumber, takeNextNumber } from './numbering.js';
import type { LineAmountTypes } from './totals.js';

/** What the kit reads of a stored document of any kind. */
export interface StoredDocument {
  id: string;
  number: string;
  contactId: string;
  issueDate: string;
  currency: string;
  lineAmountTypes: LineAmountTypes;
  reference: string | null;
  notes: string | null;
  contactName: string;
  status: string;
  lines: DocumentLine[];
}

/** What is being done to a document, for a kind's locks. */
export type DocumentChange = 'edit' | 'status' | 'delete';

export interface DocumentServiceSpec<D extends StoredDocument, H extends DocumentHeaderBase, S> {
  kind: DocumentKind;
  store(tdb: TenantDb): DocumentStore<H, S> & { find(id: string): Promise<D | undefined> };
  headerSchema: z.ZodType<H>;
  /** The kind's own fields of a blank form, e.g. an expiry date; `preset` holds the fields a link may preset. */
  blankFields(today: string, preset: FormValues): FormValues;
  /** The kind's own fields of a stored document, as form text. */
  formFields(doc: D): FormValues;
  /** The kind's own database checks (e.g. the project of a sales order). */
  extraCheck?(tdb: TenantDb): ExtraCheck<H>;
  /** Why `doc` cannot take `change` (a sentence for the user), or null when it can. */
  lockedReason?(doc: D, change: DocumentChange): string | null;
}

export interface DocumentServiceDeps {
  tdb: TenantDb;
  /** The organisation's dropdown choices on the kind's side (settings cache and products). */
  lookups: LineLookupsLoader;
}

export function documentService<D extends StoredDocument, H extends DocumentHeaderBase, S>(
  spec: DocumentServiceSpec<D, H, S>,
  { tdb, lookups }: DocumentServiceDeps,
) {
  const { kind } = spec;
  const store = spec.store(tdb);

  async function get(id: string): Promise<D> {
    const doc = await store.find(id);
    if (!doc) throw new NotFoundError(kind.messages.noun);
    return doc;
  }

  function refuseIf(doc: D, change: DocumentChange): void {
    const reason = spec.lockedReason?.(doc, change);
    if (reason) throw new ConflictError(reason);
  }

  async function validate(form: DocumentForm, existing?: D) {
    return validateDocument(
      tdb,
      spec.headerSchema,
      form.values,
      form.drafts,
      await lookups(form.drafts.map((d) => d.productId)),
      { kind, ...(existing ? { existing: { id: existing.id, contactId: existing.contactId } } : {}) },
      spec.extraCheck?.(tdb),
    );
  }

  return {
    get,
    list: (query: DocumentListQuery) => store.list(query),
    latest: (limit: number) => store.latest(limit),
    openTotals: () => store.openTotals(),

    /** Blank form values: today, the base currency, tax exclusive, one empty line, and the kind's own fields. */
    async newForm(baseCurrency: string, preset: FormValues = {}): Promise<{ values: FormValues; drafts: LineDraft[]; suggestedNumber: string }> {
      const today = todayIso();
      return {
        values: {
          number: '',
          contactId: preset.contactId ?? '',
          issueDate: today,
          currency: baseCurrency,
          lineAmountTypes: 'Exclusive',
          reference: '',
          notes: '',
          ...spec.blankFields(today, preset),
        },
        drafts: [emptyLineDraft()],
        suggestedNumber: await peekNextNumber(tdb, kind),
      };
    },

    async editForm(id: string): Promise<{ doc: D; values: FormValues; drafts: LineDraft[] }> {
      const doc = await get(id);
      return {
        doc,
        values: {
          number: doc.number,
          contactId: doc.contactId,
          issueDate: doc.issueDate,
          currency: doc.currency,
          lineAmountTypes: doc.lineAmountTypes,
          reference: doc.reference ?? '',
          notes: doc.notes ?? '',
          ...spec.formFields(doc),
        },
        drafts: doc.lines.length ? doc.lines.map(draftFromLine) : [emptyLineDraft()],
      };
    },

    async create(form: DocumentForm): Promise<string> {
      const valid = await validate(form);
      return guardNumberRace(
        () =>
          tdb.transaction(async (trx) => {
            const number = valid.header.number ?? (await takeNextNumber(trx, kind));
            return spec.store(trx).insert({ ...valid.header, number }, valid.priced.lines, valid.priced.amounts);
          }),
        valid.header.number === null,
      );
    },

    async update(id: string, form: DocumentForm): Promise<void> {
      const doc = await get(id);
      refuseIf(doc, 'edit');
      const valid = await validate(form, doc);
      await guardNumberRace(() =>
        tdb.transaction(async (trx) => {
          await spec.store(trx).update(id, { ...valid.header, number: valid.header.number ?? doc.number }, valid.priced.lines, valid.priced.amounts);
        }),
      );
    },

    async setStatus(id: string, status: D['status']): Promise<D> {
      const doc = await get(id);
      refuseIf(doc, 'status');
      await store.setStatus(id, status);
      return { ...doc, status };
    },

    async remove(id: string): Promise<D> {
      const doc = await get(id);
      refuseIf(doc, 'delete');
      await tdb.transaction(async (trx) => {
        await spec.store(trx).remove(id);
      });
      return doc;
    },
  };
}

export type DocumentService<D extends StoredDocument, H extends DocumentHeaderBase, S> = ReturnType<typeof documentService<D, H, S>>;

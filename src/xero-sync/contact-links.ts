/**
 * The Xero link columns of contacts (ContactID, when last sent, the fingerprint and the compared fields
 * sent, Xero's values when changed in Xero): only this folder writes them.
 */
import type { TenantDb } from '../db/tenant-db.js';
import { date, dbTime, requiredText, text, type DbRow } from '../db/row-values.js';
import { parseFieldValues, type XeroFieldValues } from './contact-xero-fields.js';

export interface ContactXeroState {
  xeroContactId: string | null;
  sentAt: Date | null;
  fingerprint: string | null;
  /** The compared fields as last sent (null: sent before Ledgerside kept them). */
  sentFields: XeroFieldValues | null;
  /** Xero's values when Xero changed a compared field since it was sent (null: nothing to show). */
  remoteFields: XeroFieldValues | null;
  remoteAt: Date | null;
  /** Never sent from Ledgerside, but an import from Xero wrote it no earlier than its last change Xero would see: as Xero has it. */
  asImported: boolean;
}

function isAsImported(row: DbRow): boolean {
  const imported = date(row, 'xero_imported_at');
  const changed = date(row, 'xero_changed_at') ?? date(row, 'updated_at');
  return text(row, 'xero_fingerprint') === null && imported !== null && (changed === null || imported.getTime() >= changed.getTime());
}

const STATE_COLUMNS = [
  'id',
  'xero_contact_id',
  'xero_sent_at',
  'xero_fingerprint',
  'xero_sent_fields',
  'xero_remote_fields',
  'xero_remote_at',
  'xero_imported_at',
  'xero_changed_at',
  'updated_at',
];

/** The state from a contacts row read with these columns (or all of them). */
export function stateFromRow(row: DbRow): ContactXeroState {
  return {
    xeroContactId: text(row, 'xero_contact_id'),
    sentAt: date(row, 'xero_sent_at'),
    fingerprint: text(row, 'xero_fingerprint'),
    sentFields: parseFieldValues(text(row, 'xero_sent_fields')),
    remoteFields: parseFieldValues(text(row, 'xero_remote_fields')),
    remoteAt: date(row, 'xero_remote_at'),
    asImported: isAsImported(row),
  };
}

export function contactLinks(tdb: TenantDb) {
  /** The Xero states of many contacts (a batch's), one statement per 500; missing contacts absent. */
  async function statesOf(contactIds: readonly string[]): Promise<Map<string, ContactXeroState>> {
    const out = new Map<string, ContactXeroState>();
    const unique = [...new Set(contactIds)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows: DbRow[] = await tdb
        .from('contacts')
        .whereIn('id', unique.slice(i, i + 500))
        .select(STATE_COLUMNS);
      for (const row of rows) out.set(requiredText(row, 'id'), stateFromRow(row));
    }
    return out;
  }

  return {
    async stateOf(contactId: string): Promise<ContactXeroState | null> {
      return (await statesOf([contactId])).get(contactId) ?? null;
    },

    statesOf,

    /** The CRM contact already linked to a Xero ContactID, if any. */
    async linkedTo(xeroContactId: string): Promise<{ id: string; name: string } | null> {
      const row: DbRow | undefined = await tdb.from('contacts').where('xero_contact_id', xeroContactId).first('id', 'name');
      return row ? { id: requiredText(row, 'id'), name: requiredText(row, 'name') } : null;
    },

    /**
     * Records what was sent: Xero's ContactID, when, the payload's fingerprint (null: unknown, send again
     * next time) and the compared fields. Xero now has Ledgerside's values, so a "changed in Xero" is over.
     */
    async recordSent(contactId: string, xeroContactId: string, fingerprint: string | null, at: Date, sentFields?: XeroFieldValues): Promise<void> {
      await tdb.update(
        'contacts',
        { id: contactId },
        {
          xero_contact_id: xeroContactId,
          xero_sent_at: dbTime(at),
          xero_fingerprint: fingerprint,
          ...(sentFields ? { xero_sent_fields: JSON.stringify(sentFields), xero_remote_fields: null, xero_remote_at: null } : {}),
        },
      );
    },

    /** Xero's values of a contact Xero changed (null: nothing differs any more). */
    async recordRemote(contactId: string, remote: XeroFieldValues | null, at: Date): Promise<void> {
      await tdb.update(
        'contacts',
        { id: contactId },
        remote ? { xero_remote_fields: JSON.stringify(remote), xero_remote_at: dbTime(at) } : { xero_remote_fields: null, xero_remote_at: null },
      );
    },

    /**
     * "Keep Ledgerside's values": Xero's values become the base the next send is compared with (so it is
     * not stopped as a conflict), and the fingerprint is forgotten so that send updates Xero.
     */
    async keepLedgerside(contactId: string, xeroValues: XeroFieldValues): Promise<void> {
      await tdb.update(
        'contacts',
        { id: contactId },
        { xero_sent_fields: JSON.stringify(xeroValues), xero_fingerprint: null, xero_remote_fields: null, xero_remote_at: null },
      );
    },
  };
}

/** The Xero link columns of contacts (ContactID, when last sent, the fingerprint sent): only this folder writes them. */
import type { TenantDb } from '../db/tenant-db.js';
import { date, dbTime, requiredText, text, type DbRow } from '../db/row-values.js';

export interface ContactXeroState {
  xeroContactId: string | null;
  sentAt: Date | null;
  fingerprint: string | null;
}

export function contactLinks(tdb: TenantDb) {
  return {
    async stateOf(contactId: string): Promise<ContactXeroState | null> {
      const row: DbRow | undefined = await tdb.from('contacts').where('id', contactId).first('xero_contact_id', 'xero_sent_at', 'xero_fingerprint');
      return row ? { xeroContactId: text(row, 'xero_contact_id'), sentAt: date(row, 'xero_sent_at'), fingerprint: text(row, 'xero_fingerprint') } : null;
    },

    /** The CRM contact already linked to a Xero ContactID, if any. */
    async linkedTo(xeroContactId: string): Promise<{ id: string; name: string } | null> {
      const row: DbRow | undefined = await tdb.from('contacts').where('xero_contact_id', xeroContactId).first('id', 'name');
      return row ? { id: requiredText(row, 'id'), name: requiredText(row, 'name') } : null;
    },

    /** Records what was sent: Xero's ContactID, when, and the payload's fingerprint (null: unknown, send again next time). */
    async recordSent(contactId: string, xeroContactId: string, fingerprint: string | null, at: Date): Promise<void> {
      await tdb.update('contacts', { id: contactId }, { xero_contact_id: xeroContactId, xero_sent_at: dbTime(at), xero_fingerprint: fingerprint });
    },
  };
}

import type { Knex } from 'knex';

/**
 * When a contact last changed in a way Xero would see (a field the mapper sends, or, for a company, one
 * of its people): the contacts list compares it with `xero_sent_at` for "Changed since sent", so a
 * change to a company's people shows on the company, and an edit Xero never sees (notes) does not.
 * Backfilled with the contact's own updated_at, or its people's when later. Safe to re-run.
 */
export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasColumn('contacts', 'xero_changed_at')) return;
  await knex.schema.alterTable('contacts', (t) => {
    t.timestamp('xero_changed_at', { useTz: true });
  });
  await knex('contacts').update({ xero_changed_at: knex.ref('updated_at') });
  await knex.raw(`
    update contacts set xero_changed_at = (
      select max(p.updated_at) from contacts p
       where p.organisation_id = contacts.organisation_id and p.company_id = contacts.id and p.kind = 'person')
     where kind = 'company'
       and exists (select 1 from contacts p
                    where p.organisation_id = contacts.organisation_id and p.company_id = contacts.id and p.kind = 'person'
                      and p.updated_at > contacts.xero_changed_at)`);
}

export async function down(knex: Knex): Promise<void> {
  if (await knex.schema.hasColumn('contacts', 'xero_changed_at')) {
    // Plain DROP COLUMN (SQLite ≥ 3.35 and PostgreSQL): knex's SQLite emulation would rebuild the table and lose its triggers.
    await knex.raw('alter table contacts drop column xero_changed_at');
  }
}

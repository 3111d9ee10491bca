import type { Knex } from 'knex';

/**
 * The organisation's own address and tax number as Xero has them (GET /Organisation: its street address,
 * else postal, and TaxNumber), read at sign-in: the generated contract names both parties with them.
 */
export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasColumn('organisations', 'tax_number'))) {
    await knex.schema.alterTable('organisations', (t) => {
      // JSON array of the address's lines, e.g. ["23 Main Street", "Marineville VIC 3210", "Australia"].
      t.text('address_lines');
      t.string('tax_number', 50);
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  if (await knex.schema.hasColumn('organisations', 'tax_number')) {
    await knex.schema.alterTable('organisations', (t) => {
      t.dropColumn('address_lines');
      t.dropColumn('tax_number');
    });
  }
}

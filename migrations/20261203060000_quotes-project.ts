import type { Knex } from 'knex';

/**
 * Quotes can belong to a project (issue 16): a nullable project_id, indexed for the project's page.
 * On PostgreSQL a composite foreign key keeps it to the same organisation's projects, as sales orders
 * have. SQLite cannot add a table constraint without rebuilding the table, and a rebuild breaks the
 * contacts' search-key triggers that name quotes; there the service checks the project
 * (`projectExists`) and a project with quotes is never deleted (its quotes contribution counts them).
 */
const isPg = (knex: Knex): boolean => (knex.client as { dialect?: string }).dialect === 'postgresql';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('quotes', (t) => {
    t.string('project_id', 36).nullable();
    t.index(['organisation_id', 'project_id'], 'quotes_org_project_idx');
  });
  if (isPg(knex)) {
    await knex.raw(
      'alter table quotes add constraint quotes_org_project_fk foreign key (organisation_id, project_id) references projects (organisation_id, id)',
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  if (isPg(knex)) await knex.raw('alter table quotes drop constraint quotes_org_project_fk');
  await knex.raw('drop index quotes_org_project_idx');
  // Plain DROP COLUMN (SQLite ≥ 3.35 and PostgreSQL): knex's SQLite emulation would rebuild the table.
  await knex.raw('alter table quotes drop column project_id');
}

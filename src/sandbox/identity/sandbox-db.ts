/**
 * The sandbox's own SQLite database (a dev tool's store, separate from the app's migrations): the
 * identity side's tables are created here; the accounting side creates its own beside them.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';

export function openSandboxDb(file: string): Knex {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return knex({
    client: 'sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    // One connection: `:memory:` must be a single database, and SQLite serialises writes anyway.
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: { run(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, conn: unknown) => void) => {
        conn.run('PRAGMA foreign_keys = ON', (err) => done(err, conn));
      },
    },
  });
}

type TableBuilder = (t: Knex.CreateTableBuilder) => void;

async function createTableIfMissing(db: Knex, name: string, build: TableBuilder): Promise<void> {
  if (!(await db.schema.hasTable(name))) await db.schema.createTable(name, build);
}

/** Idempotent: safe on every start. Times are epoch milliseconds from the sandbox clock. */
export async function ensureIdentitySchema(db: Knex): Promise<void> {
  await createTableIfMissing(db, 'identity_settings', (t) => {
    t.string('key').primary();
    t.text('value').notNullable();
  });
  await createTableIfMissing(db, 'identity_users', (t) => {
    t.string('id').primary(); // xero_userid (uuid)
    t.string('sub').notNullable().unique();
    t.string('email').notNullable().unique(); // lower-cased
    t.string('first_name').notNullable();
    t.string('last_name').notNullable();
    t.bigInteger('created_at').notNullable();
  });
  await createTableIfMissing(db, 'identity_user_organisations', (t) => {
    t.string('user_id').notNullable().references('id').inTable('identity_users').onDelete('CASCADE');
    t.string('tenant_id').notNullable();
    t.bigInteger('created_at').notNullable();
    t.primary(['user_id', 'tenant_id']);
  });
  await createTableIfMissing(db, 'identity_sessions', (t) => {
    t.string('id').primary(); // random, carried in the sandbox session cookie
    t.string('user_id').notNullable().references('id').inTable('identity_users').onDelete('CASCADE');
    t.string('global_session_id').notNullable();
    t.string('csrf_token').notNullable();
    t.bigInteger('auth_time').notNullable();
    t.bigInteger('created_at').notNullable();
  });
  await createTableIfMissing(db, 'identity_authorize_requests', (t) => {
    t.string('id').primary(); // carried in hidden form fields between the authorize pages
    t.text('params').notNullable(); // validated authorize parameters, JSON
    t.string('session_id').nullable().references('id').inTable('identity_sessions').onDelete('CASCADE');
    t.bigInteger('created_at').notNullable();
  });
  await createTableIfMissing(db, 'identity_grants', (t) => {
    // One consent: its authorization code, auth event and (with offline_access) refresh-token family.
    t.string('id').primary();
    t.string('user_id').notNullable().references('id').inTable('identity_users').onDelete('CASCADE');
    t.string('client_id').notNullable();
    t.text('scopes').notNullable(); // space-separated
    t.string('auth_event_id').notNullable();
    t.string('sid').notNullable();
    t.string('global_session_id').notNullable();
    t.bigInteger('auth_time').notNullable();
    t.bigInteger('created_at').notNullable();
    t.index(['user_id', 'client_id']);
  });
  await createTableIfMissing(db, 'identity_codes', (t) => {
    t.string('code_hash').primary();
    t.string('grant_id').notNullable().references('id').inTable('identity_grants').onDelete('CASCADE');
    t.string('redirect_uri').notNullable();
    t.string('nonce').nullable();
    t.string('code_challenge').nullable();
    t.bigInteger('expires_at').notNullable();
    t.bigInteger('used_at').nullable();
  });
  await createTableIfMissing(db, 'identity_refresh_tokens', (t) => {
    t.string('token_hash').primary();
    t.string('grant_id').notNullable().references('id').inTable('identity_grants').onDelete('CASCADE');
    t.bigInteger('created_at').notNullable();
    t.bigInteger('superseded_at').nullable();
    t.bigInteger('revoked_at').nullable();
    t.index(['grant_id']);
  });
  await createTableIfMissing(db, 'identity_connections', (t) => {
    t.string('id').primary();
    t.string('user_id').notNullable().references('id').inTable('identity_users').onDelete('CASCADE');
    t.string('client_id').notNullable();
    t.string('tenant_id').notNullable();
    t.string('auth_event_id').notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['user_id', 'client_id', 'tenant_id']);
    t.index(['tenant_id']);
  });
}

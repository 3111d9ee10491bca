/**
 * Tenant scope by construction. Repositories never see a raw knex: they get a `TenantDb` bound to one
 * organisation. Reads go through a derived table already filtered to the organisation, so whatever
 * the caller adds (even a top-level `.orWhere()`) can never reach another organisation's rows.
 * Writes stamp or require `organisation_id`; their criteria are plain objects (ANDed), never free SQL.
 */
import type { Knex } from 'knex';
import type { Database } from './database.js';

export type Criteria = Record<string, string | number | boolean | null>;
export type Row = Record<string, unknown>;

export interface TenantDb {
  readonly organisationId: string;
  /** `select … from (rows of this organisation) as <table>`: add columns, filters, joins, order, limits. */
  from(table: string): Knex.QueryBuilder;
  /** The organisation's rows of `table` as a subquery aliased `alias`, for joins. */
  scoped(table: string, alias?: string): Knex.QueryBuilder;
  insert(table: string, rows: Row | Row[]): Promise<void>;
  update(table: string, criteria: Criteria, patch: Row): Promise<number>;
  /** `update` of the rows whose `column` is one of `values` (and that match `criteria`), 500 values a statement. */
  updateIn(table: string, column: string, values: readonly string[], criteria: Criteria, patch: Row): Promise<number>;
  delete(table: string, criteria: Criteria): Promise<number>;
  /** Runs `work` in one transaction, with a TenantDb bound to the same organisation. */
  transaction<T>(work: (trx: TenantDb) => Promise<T>): Promise<T>;
  /** A raw count helper that keeps the scope: `count(table, criteria)`. */
  count(table: string, criteria?: Criteria): Promise<number>;
  /** Whether the organisation holds a row of `table` matching `criteria` (reads one index entry, not all). */
  exists(table: string, criteria?: Criteria): Promise<boolean>;
}

const ORG = 'organisation_id';

function assertNoScopeOverride(values: Row | Criteria, organisationId: string): void {
  if (ORG in values && values[ORG] !== organisationId) {
    throw new Error(`A tenant write tried to set ${ORG} to another organisation`);
  }
}

export function tenantDb(db: Database | Knex.Transaction, organisationId: string): TenantDb {
  if (!organisationId) throw new Error('tenantDb needs an organisation id');
  const scoped = (table: string, alias = table): Knex.QueryBuilder => db.select('*').from(table).where(ORG, organisationId).as(alias);

  const self: TenantDb = {
    organisationId,
    from: (table) => db.from(scoped(table)),
    scoped,
    async insert(table, rows) {
      const list = Array.isArray(rows) ? rows : [rows];
      if (list.length === 0) return;
      for (const row of list) assertNoScopeOverride(row, organisationId);
      const stamped = list.map((row) => ({ ...row, [ORG]: organisationId }));
      // Chunked so large imports stay under SQLite's bound-parameter limit.
      const columns = Object.keys(stamped[0] ?? {}).length || 1;
      const chunk = Math.max(1, Math.floor(900 / columns));
      for (let i = 0; i < stamped.length; i += chunk) await db(table).insert(stamped.slice(i, i + chunk));
    },
    async update(table, criteria, patch) {
      assertNoScopeOverride(patch, organisationId);
      return db(table).where(criteria).andWhere(ORG, organisationId).update(patch);
    },
    async updateIn(table, column, values, criteria, patch) {
      assertNoScopeOverride(patch, organisationId);
      let changed = 0;
      for (let i = 0; i < values.length; i += 500)
        changed += await db(table)
          .where(criteria)
          .whereIn(column, values.slice(i, i + 500))
          .andWhere(ORG, organisationId)
          .update(patch);
      return changed;
    },
    async delete(table, criteria) {
      return db(table).where(criteria).andWhere(ORG, organisationId).delete();
    },
    async transaction(work) {
      if ('isTransaction' in db && db.isTransaction) return work(self);
      return (db as Database).transaction((trx) => work(tenantDb(trx, organisationId)));
    },
    async count(table, criteria = {}) {
      const row = await db(table).where(criteria).andWhere(ORG, organisationId).count({ n: '*' }).first();
      return Number(row?.n ?? 0);
    },
    async exists(table, criteria = {}) {
      const row: unknown = await db(table).where(criteria).andWhere(ORG, organisationId).first(db.raw('1 as found'));
      return row !== undefined;
    },
  };
  return self;
}

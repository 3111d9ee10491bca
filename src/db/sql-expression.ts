/**
 * A SQL expression for a tenant query's select or order (an aggregate over its columns), made by the
 * query's own knex client. Only column expressions: tables are read through the TenantDb, which scopes them.
 */
import type { Knex } from 'knex';

export function sqlExpression(builder: Knex.QueryBuilder, sql: string, bindings: readonly Knex.RawBinding[] = []): Knex.Raw {
  return builder.client.raw(sql, bindings) as Knex.Raw;
}

/** Which organisations each user has connected to each app (Xero's "connections"). */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { asRow, asRows, num, str, type Row } from './rows.js';

export interface Connection {
  id: string;
  userId: string;
  clientId: string;
  tenantId: string;
  authEventId: string;
  createdAt: number;
  updatedAt: number;
}

const toConnection = (r: Row): Connection => ({
  id: str(r, 'id'),
  userId: str(r, 'user_id'),
  clientId: str(r, 'client_id'),
  tenantId: str(r, 'tenant_id'),
  authEventId: str(r, 'auth_event_id'),
  createdAt: num(r, 'created_at'),
  updatedAt: num(r, 'updated_at'),
});

/** Reconnecting an organisation keeps the connection id and created date; the auth event moves on. */
export async function upsertConnection(
  db: Knex,
  input: { userId: string; clientId: string; tenantId: string; authEventId: string; now: number },
): Promise<void> {
  await db('identity_connections')
    .insert({
      id: randomUUID(),
      user_id: input.userId,
      client_id: input.clientId,
      tenant_id: input.tenantId,
      auth_event_id: input.authEventId,
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict(['user_id', 'client_id', 'tenant_id'])
    .merge({ auth_event_id: input.authEventId, updated_at: input.now });
}

export async function listConnections(db: Knex, filter: { userId: string; clientId?: string; authEventId?: string }): Promise<Connection[]> {
  const query = db('identity_connections').where({ user_id: filter.userId });
  if (filter.clientId !== undefined) query.andWhere({ client_id: filter.clientId });
  if (filter.authEventId !== undefined) query.andWhere({ auth_event_id: filter.authEventId });
  return asRows(await query.orderBy('rowid')).map(toConnection);
}

export async function findConnection(db: Knex, key: { userId: string; clientId: string; tenantId: string }): Promise<Connection | undefined> {
  const row = asRow(await db('identity_connections').where({ user_id: key.userId, client_id: key.clientId, tenant_id: key.tenantId }).first());
  return row && toConnection(row);
}

/** Deletes one connection owned by this user (and app, when given); false if there was none. */
export async function deleteConnection(db: Knex, key: { id: string; userId: string; clientId?: string }): Promise<boolean> {
  const query = db('identity_connections').where({ id: key.id, user_id: key.userId });
  if (key.clientId !== undefined) query.andWhere({ client_id: key.clientId });
  return (await query.delete()) > 0;
}

export async function deleteConnectionsForUserClient(db: Knex, userId: string, clientId: string): Promise<number> {
  return db('identity_connections').where({ user_id: userId, client_id: clientId }).delete();
}

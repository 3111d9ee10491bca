/**
 * Sandbox browser sessions (who is signed in to the sandbox's own pages) and pending authorize
 * requests (the validated parameters carried between the sign-in and consent forms by id).
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { lifetimes } from './identity-deps.js';
import { asRow, num, optStr, str, type Row } from './rows.js';

export interface SandboxSession {
  id: string;
  userId: string;
  globalSessionId: string;
  csrfToken: string;
  /** Seconds since the epoch: the ID token's auth_time. */
  authTime: number;
  createdAt: number;
}

export interface PendingAuthorize {
  id: string;
  params: unknown;
  sessionId: string | undefined;
  createdAt: number;
}

const randomId = (): string => randomBytes(24).toString('base64url');

const toSession = (r: Row): SandboxSession => ({
  id: str(r, 'id'),
  userId: str(r, 'user_id'),
  globalSessionId: str(r, 'global_session_id'),
  csrfToken: str(r, 'csrf_token'),
  authTime: num(r, 'auth_time'),
  createdAt: num(r, 'created_at'),
});

/** Forms left half-done and sessions past their life are dropped whenever new ones start. */
async function purgeStale(db: Knex, now: number): Promise<void> {
  await db('identity_authorize_requests')
    .where('created_at', '<', now - lifetimes.authorizeRequestMs)
    .delete();
  await db('identity_sessions')
    .where('created_at', '<', now - lifetimes.sessionMs)
    .delete();
}

export async function createSession(db: Knex, userId: string, globalSessionId: string, now: number): Promise<SandboxSession> {
  await purgeStale(db, now);
  const session: SandboxSession = {
    id: randomId(),
    userId,
    globalSessionId,
    csrfToken: randomId(),
    authTime: Math.floor(now / 1000),
    createdAt: now,
  };
  await db('identity_sessions').insert({
    id: session.id,
    user_id: userId,
    global_session_id: globalSessionId,
    csrf_token: session.csrfToken,
    auth_time: session.authTime,
    created_at: now,
  });
  return session;
}

export async function getSession(db: Knex, id: string): Promise<SandboxSession | undefined> {
  const row = asRow(await db('identity_sessions').where({ id }).first());
  return row && toSession(row);
}

export async function deleteSession(db: Knex, id: string): Promise<void> {
  await db('identity_sessions').where({ id }).delete();
}

export async function createPendingAuthorize(db: Knex, params: unknown, now: number): Promise<string> {
  await purgeStale(db, now);
  const id = randomId();
  await db('identity_authorize_requests').insert({ id, params: JSON.stringify(params), created_at: now });
  return id;
}

export async function getPendingAuthorize(db: Knex, id: string): Promise<PendingAuthorize | undefined> {
  const row = asRow(await db('identity_authorize_requests').where({ id }).first());
  if (!row) return undefined;
  const params: unknown = JSON.parse(str(row, 'params'));
  return { id, params, sessionId: optStr(row, 'session_id'), createdAt: num(row, 'created_at') };
}

export async function attachSessionToPending(db: Knex, id: string, sessionId: string): Promise<void> {
  await db('identity_authorize_requests').where({ id }).update({ session_id: sessionId });
}

export async function deletePendingAuthorize(db: Knex, id: string): Promise<void> {
  await db('identity_authorize_requests').where({ id }).delete();
}

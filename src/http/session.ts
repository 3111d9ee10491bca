import session from 'express-session';
import { ConnectSessionKnexStore } from 'connect-session-knex';
import type { RequestHandler } from 'express';
import type { Database } from '../db/database.js';

export interface FlashMessage {
  kind: 'success' | 'error' | 'info';
  text: string;
}

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    organisationId?: string;
    flash?: FlashMessage[];
    csrfToken?: string;
    /** Where to go after signing in. */
    returnTo?: string;
    oidc?: { state: string; nonce: string; codeVerifier: string; startedAt: number; returnTo?: string };
  }
}

export const SESSION_COOKIE = 'ledgerside.sid';
const TWO_WEEKS_MS = 14 * 24 * 60 * 60 * 1000;
/** How far a session's expiry in the database may trail its cookie's before a request moves it. */
export const SESSION_TOUCH_INTERVAL_MS = 5 * 60 * 1000;
/** Sessions whose last touch this process remembers (the oldest are forgotten first). */
const REMEMBERED_TOUCHES = 10_000;

type StoredSession = Parameters<ConnectSessionKnexStore['set']>[1];
type Done = (err?: unknown) => void;

/**
 * The session store, with touches throttled. The session is rolling (every response renews its
 * cookie), and connect-session-knex writes the row's new expiry on every request whose session did not
 * change: one write per page view, on SQLite's single connection too (bench/README.md, issue 18: the
 * writes and their WAL checkpoints were in every page's tail). Here a touch writes only when the
 * expiry it would write is at least SESSION_TOUCH_INTERVAL_MS past the one this process last wrote
 * for the session (or it wrote none yet, e.g. after a restart; each app process keeps its own memory).
 * A session's expiry in the database therefore trails its cookie's by under five minutes of its two
 * weeks. Changed sessions are saved as before (`set`), and remembered as written.
 */
export class ThrottledSessionStore extends ConnectSessionKnexStore {
  private readonly written = new Map<string, number>();

  private remember(sid: string, expires: number): void {
    this.written.delete(sid);
    this.written.set(sid, expires);
    if (this.written.size > REMEMBERED_TOUCHES) {
      const oldest = this.written.keys().next().value;
      if (oldest !== undefined) this.written.delete(oldest);
    }
  }

  override async set(sid: string, session: StoredSession, callback?: Done): Promise<void> {
    const maxAge = session.cookie.maxAge;
    this.remember(sid, Date.now() + (maxAge ?? 86_400_000));
    await super.set(sid, session, callback);
  }

  override async touch(sid: string, session: StoredSession, callback?: () => void): Promise<void> {
    const expires = session.cookie.expires ? new Date(session.cookie.expires).getTime() : Number.NaN;
    const last = this.written.get(sid);
    if (Number.isFinite(expires) && last !== undefined && expires - last < SESSION_TOUCH_INTERVAL_MS) {
      callback?.();
      return;
    }
    if (Number.isFinite(expires)) this.remember(sid, expires);
    await super.touch(sid, session, callback);
  }

  override async destroy(sid: string, callback?: Done): Promise<number> {
    this.written.delete(sid);
    return super.destroy(sid, callback);
  }
}

/** Sessions live in the database (connect-session-knex), never in memory or in the cookie. */
export function sessionMiddleware(options: { db: Database; secret: string; secure: boolean; cleanupIntervalMs?: number }): RequestHandler {
  const store = new ThrottledSessionStore({
    knex: options.db,
    tableName: 'sessions',
    createTable: false,
    cleanupInterval: options.cleanupIntervalMs ?? 15 * 60 * 1000,
  });
  return session({
    name: SESSION_COOKIE,
    secret: options.secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.secure, maxAge: TWO_WEEKS_MS },
  });
}

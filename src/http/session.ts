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

/** Sessions live in the database (connect-session-knex), never in memory or in the cookie. */
export function sessionMiddleware(options: { db: Database; secret: string; secure: boolean; cleanupIntervalMs?: number }): RequestHandler {
  const store = new ConnectSessionKnexStore({
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

/**
 * The session store's throttled touch (src/http/session.ts, issue 18): a rolling session's expiry is
 * written to the database at most once per SESSION_TOUCH_INTERVAL_MS per app process, instead of on
 * every page view; a change of the session is saved at once, as before.
 */
import { expect } from 'chai';
import type { SessionData } from 'express-session';
import { describeEachDialect } from '../../helpers/test-db.js';
import { SESSION_TOUCH_INTERVAL_MS, ThrottledSessionStore } from '../../../src/http/session.js';
import type { Database } from '../../../src/db/database.js';

const TWO_WEEKS = 14 * 24 * 3600_000;

function session(expires: number, extra: Record<string, unknown> = {}): SessionData {
  return { cookie: { originalMaxAge: TWO_WEEKS, maxAge: expires - Date.now(), expires: new Date(expires) }, ...extra } as unknown as SessionData;
}

const store = (db: Database) => new ThrottledSessionStore({ knex: db, tableName: 'sessions', createTable: false, cleanupInterval: 0 });

async function storedExpiry(db: Database, sid: string): Promise<number> {
  const row = (await db('sessions').where({ sid }).first('expired')) as { expired: string | Date } | undefined;
  if (!row) throw new Error('no session row');
  return new Date(row.expired).getTime();
}

describeEachDialect('session store touches (issue 18)', (ctx) => {
  it('when pages are viewed within the interval, then the expiry is written once, and again only once the interval has passed', async () => {
    const { db } = ctx.current();
    const sessions = store(db);
    const now = Date.now();
    await sessions.set('s1', session(now + TWO_WEEKS, { userId: 'u1' }));
    const written = await storedExpiry(db, 's1');
    expect(written).to.be.within(now + TWO_WEEKS - 5_000, now + TWO_WEEKS + 5_000);

    await sessions.touch('s1', session(written + 60_000));
    await sessions.touch('s1', session(written + SESSION_TOUCH_INTERVAL_MS - 1_000));
    expect(await storedExpiry(db, 's1'), 'touches within the interval write nothing').to.equal(written);

    const later = written + SESSION_TOUCH_INTERVAL_MS + 1_000;
    await sessions.touch('s1', session(later));
    expect(await storedExpiry(db, 's1')).to.equal(later);
    await sessions.touch('s1', session(later + 1_000));
    expect(await storedExpiry(db, 's1')).to.equal(later);
  });

  it('when another app process (another store) sees the session first, then its first touch writes, and the session still loads', async () => {
    const { db } = ctx.current();
    const now = Date.now();
    await store(db).set('s2', session(now + TWO_WEEKS, { userId: 'u2' }));
    const written = await storedExpiry(db, 's2');
    const other = store(db);
    await other.touch('s2', session(written + 60_000));
    expect(await storedExpiry(db, 's2')).to.equal(written + 60_000);
    const loaded = (await other.get('s2', () => undefined)) as (SessionData & { userId?: string }) | null;
    expect(loaded?.userId).to.equal('u2');
  });

  it('when a session is destroyed and set again, then its next touch is not skipped on the old memory', async () => {
    const { db } = ctx.current();
    const sessions = store(db);
    const now = Date.now();
    await sessions.set('s3', session(now + TWO_WEEKS));
    await sessions.destroy('s3');
    expect(await db('sessions').where({ sid: 's3' }).first()).to.equal(undefined);
    await db('sessions').insert({ sid: 's3', sess: JSON.stringify({ cookie: {} }), expired: new Date(now + 60_000).toISOString() });
    await sessions.touch('s3', session(now + 120_000));
    expect(await storedExpiry(db, 's3')).to.equal(now + 120_000);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openDatabase, type Database } from '../../src/db/database.js';

describe('SQLite connection settings', () => {
  let dir: string;
  let db: Database;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ledgerside-sqlite-'));
    db = openDatabase({ kind: 'sqlite', filename: path.join(dir, 'app.sqlite') });
  });

  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the app opens its SQLite file, then foreign keys, WAL, synchronous=NORMAL, a busy timeout and a 64 MB page cache are on', async () => {
    const read = async (pragma: string): Promise<unknown> => {
      const rows = (await db.raw(`PRAGMA ${pragma}`)) as Array<Record<string, unknown>>;
      return Object.values(rows[0] ?? {})[0];
    };
    expect(await read('foreign_keys')).to.equal(1);
    expect(await read('journal_mode')).to.equal('wal');
    expect(await read('synchronous')).to.equal(1); // NORMAL
    expect(await read('busy_timeout')).to.equal(5000);
    expect(await read('cache_size')).to.equal(-65536);
  });

  it('when a row breaks a foreign key, then SQLite refuses it (the setting is really in force)', async () => {
    await db.schema.createTable('parents', (t) => {
      t.integer('id').primary();
    });
    await db.schema.createTable('children', (t) => {
      t.integer('id').primary();
      t.integer('parent_id').references('id').inTable('parents');
    });
    let error: unknown;
    try {
      await db('children').insert({ id: 1, parent_id: 99 });
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.match(/FOREIGN KEY constraint failed/);
  });
});

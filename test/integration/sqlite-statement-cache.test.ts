/**
 * The SQLite client's prepared statements, kept per connection by SQL text (src/db/sqlite-client.ts,
 * issue 18): the same query with other values reads and writes the right rows, a failed or unpreparable
 * statement is dropped and prepared afresh, statements follow a schema change, identical queries run at
 * once in a transaction each get their own values, no more than STATEMENTS_KEPT are kept, and the
 * connection closes (SQLite refuses to close while statements are open).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openDatabase, type Database } from '../../src/db/database.js';
import { STATEMENTS_KEPT, statementsKept } from '../../src/db/sqlite-client.js';

interface Client {
  acquireConnection(): Promise<object>;
  releaseConnection(connection: object): Promise<void>;
  destroyRawConnection(connection: object): Promise<unknown>;
}

describe('SQLite prepared statements kept per connection', () => {
  let dir: string;
  let db: Database;
  const client = (): Client => db.client as unknown as Client;

  /** The pool's one connection, borrowed for a look at its statements. */
  async function keptNow(): Promise<ReadonlyMap<string, object>> {
    const connection = await client().acquireConnection();
    await client().releaseConnection(connection);
    return statementsKept(connection);
  }

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ledgerside-statements-'));
    db = openDatabase({ kind: 'sqlite', filename: path.join(dir, 'app.sqlite') });
    await db.schema.createTable('things', (t) => {
      t.increments('id');
      t.string('name').notNullable().unique();
      t.integer('size');
    });
  });

  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the same queries run again with other values, then each reads and writes its own rows, with ids and changes, from one statement a query', async () => {
    const ids: number[] = [];
    for (const [name, size] of [
      ['alpha', 1],
      ['beta', 2],
      ['gamma', 3],
    ] as const) {
      const [id] = await db('things').insert({ name, size });
      ids.push(Number(id));
    }
    expect(ids).to.deep.equal([1, 2, 3]);
    const sizeOf = async (name: string) => ((await db('things').where({ name }).first('size')) as { size: number } | undefined)?.size;
    expect([await sizeOf('alpha'), await sizeOf('gamma'), await sizeOf('nobody')]).to.deep.equal([1, 3, undefined]);
    expect(await db('things').where({ name: 'beta' }).update({ size: 20 })).to.equal(1);
    expect(await db('things').where('size', '>', 100).update({ size: 0 })).to.equal(0);
    expect(await db('things').insert({ name: 'delta', size: 4 }, ['id', 'name'])).to.deep.equal([{ id: 4, name: 'delta' }]);
    expect(await db('things').where({ name: 'alpha' }).delete()).to.equal(1);
    expect(await db('things').orderBy('id').pluck('name')).to.deep.equal(['beta', 'gamma', 'delta']);
    expect(await sizeOf('beta')).to.equal(20);
    // The repeated inserts, reads, updates and deletes each prepared one statement (plus the schema's own).
    const before = await keptNow();
    const select = [...before.keys()].find((sql) => sql.startsWith('select `size` from `things`')) ?? '';
    expect(before.get(select), select).to.be.an('object');
    for (let i = 0; i < 20; i += 1) await sizeOf(`name ${i}`);
    const after = await keptNow();
    expect([...after.keys()].sort()).to.deep.equal([...before.keys()].sort());
    // The very same statement object ran the 20 reads.
    expect(after.get(select)).to.equal(before.get(select));
  });

  it('when a kept statement fails (a duplicate) or cannot be prepared (a typo), then the error comes back and the next run works', async () => {
    await db('things').insert({ name: 'alpha', size: 1 });
    let duplicate: unknown;
    await db('things')
      .insert({ name: 'alpha', size: 2 })
      .catch((error: unknown) => (duplicate = error));
    expect(String(duplicate)).to.match(/UNIQUE constraint failed: things\.name/);
    await db('things').insert({ name: 'beta', size: 2 });
    let typo: unknown;
    await db.raw('select nme from things').catch((error: unknown) => (typo = error));
    expect(String(typo)).to.match(/no such column: nme/);
    expect(await db('things').orderBy('id').pluck('name')).to.deep.equal(['alpha', 'beta']);
  });

  it('when a table changes after its queries were prepared, then they read the new columns', async () => {
    await db('things').insert({ name: 'alpha', size: 1 });
    const read = () => db('things').select('*').orderBy('id');
    expect(await read()).to.deep.equal([{ id: 1, name: 'alpha', size: 1 }]);
    await db.schema.alterTable('things', (t) => {
      t.string('colour');
    });
    await db('things').update({ colour: 'red' });
    expect(await read()).to.deep.equal([{ id: 1, name: 'alpha', size: 1, colour: 'red' }]);
  });

  it('when identical queries with other values run at once inside a transaction, then each gets its own rows', async () => {
    await db('things').insert(Array.from({ length: 30 }, (_, i) => ({ name: `n${i}`, size: i })));
    const names = await db.transaction((trx) =>
      Promise.all(
        Array.from(
          { length: 30 },
          (_, i) =>
            trx('things')
              .where({ size: 29 - i })
              .first('name') as Promise<{ name: string }>,
        ),
      ),
    );
    expect(names.map((row) => row.name)).to.deep.equal(Array.from({ length: 30 }, (_, i) => `n${29 - i}`));
  });

  it('when more distinct queries run than it keeps, then every one is right and only the latest STATEMENTS_KEPT are kept', async () => {
    await db('things').insert({ name: 'alpha', size: 7 });
    for (let i = 0; i < STATEMENTS_KEPT + 50; i += 1) {
      const row = (await db.raw(`select size + ${i} as n from things where name = ?`, ['alpha'])) as Array<{ n: number }>;
      expect(row[0]?.n).to.equal(7 + i);
    }
    const kept = await keptNow();
    expect(kept.size).to.equal(STATEMENTS_KEPT);
    // The oldest went first: the latest query is kept, the first is not.
    expect([...kept.keys()].at(-1)).to.equal(`select size + ${STATEMENTS_KEPT + 49} as n from things where name = ?`);
    expect(kept.has('select size + 0 as n from things where name = ?')).to.equal(false);
  });

  it('when a connection with kept statements is closed, then it closes (its statements are finalized first)', async () => {
    await db('things').insert({ name: 'alpha', size: 1 });
    const connection = await client().acquireConnection();
    await db('things').connection(connection).where({ name: 'alpha' }).first();
    await db('things').connection(connection).insert({ name: 'beta' });
    expect(statementsKept(connection).size).to.be.greaterThan(1);
    await client().releaseConnection(connection);
    // The pool's connection itself: SQLite would refuse to close it with statements open (SQLITE_BUSY).
    await client().destroyRawConnection(connection);
    expect(statementsKept(connection).size).to.equal(0);
    // Closed: the pool makes a new connection for the next query.
    await db.destroy();
    db = openDatabase({ kind: 'sqlite', filename: path.join(dir, 'app.sqlite') });
    expect(await db('things').orderBy('id').pluck('name')).to.deep.equal(['alpha', 'beta']);
  });
});

/** The per-connection, least-recently-used keeping both database clients use for their prepared statements. */
import { expect } from 'chai';
import { KeptPerConnection } from '../../src/db/kept-per-connection.js';

describe('KeptPerConnection', () => {
  it('when entries pass the limit, then the least recently used go first and are returned for release; a use counts as recent', () => {
    const kept = new KeptPerConnection<string>();
    const connection = {};
    expect(kept.add(connection, 'a', 'A', 3)).to.deep.equal([]);
    expect(kept.add(connection, 'b', 'B', 3)).to.deep.equal([]);
    expect(kept.add(connection, 'c', 'C', 3)).to.deep.equal([]);
    expect(kept.use(connection, 'a')).to.equal('A');
    expect(kept.add(connection, 'd', 'D', 3)).to.deep.equal(['B']);
    expect([...kept.snapshot(connection).keys()]).to.deep.equal(['c', 'a', 'd']);
    // A lower limit (or Infinity, to keep everything for now) applies from the next add.
    expect(kept.add(connection, 'e', 'E', Infinity)).to.deep.equal([]);
    expect(kept.add(connection, 'f', 'F', 2)).to.deep.equal(['C', 'A', 'D']);
    expect(kept.use(connection, 'missing')).to.equal(undefined);
  });

  it('when an entry is deleted or the connection closes, then it is returned once, and connections never share entries', () => {
    const kept = new KeptPerConnection<number>();
    const one = {};
    const two = {};
    kept.add(one, 'select 1', 1, 10);
    kept.add(one, 'select 2', 2, 10);
    kept.add(two, 'select 1', 10, 10);
    expect(kept.delete(one, 'select 1')).to.equal(1);
    expect(kept.delete(one, 'select 1')).to.equal(undefined);
    expect(kept.use(two, 'select 1')).to.equal(10);
    expect(kept.takeAll(one)).to.deep.equal([2]);
    expect(kept.takeAll(one)).to.deep.equal([]);
    expect([...kept.snapshot(two).entries()]).to.deep.equal([['select 1', 10]]);
  });
});

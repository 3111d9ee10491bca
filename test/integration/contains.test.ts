import { expect } from 'chai';
import { describeEachDialect } from '../helpers/test-db.js';
import { whereContains } from '../../src/db/contains.js';

describeEachDialect('case-insensitive contains search', (ctx) => {
  beforeEach(async () => {
    const { db } = ctx.current();
    await db.schema.createTable('contains_scratch', (t) => {
      t.integer('id').primary();
      t.string('name');
      t.string('email');
    });
    await db('contains_scratch').insert([
      { id: 1, name: 'Harbour Plumbing LTD', email: 'Accounts@Harbour.EXAMPLE' },
      { id: 2, name: '50% Off Store', email: null },
      { id: 3, name: '500 Club', email: 'hello_world@club.example' },
      { id: 4, name: 'Back\\slash Ltd', email: 'helloXworld@other.example' },
    ]);
  });

  const ids = async (text: string, columns = ['name', 'email']): Promise<number[]> => {
    const query = ctx.current().db('contains_scratch').select('id').orderBy('id');
    whereContains(query, columns, text);
    return (await query).map((r: { id: number }) => Number(r.id));
  };

  it('when the text differs in case from the data, in either column, then it still matches', async () => {
    expect(await ids('ltd')).to.deep.equal([1, 4]);
    expect(await ids('HARBOUR.example')).to.deep.equal([1]);
    expect(await ids('accounts@')).to.deep.equal([1]);
  });

  it('when the text holds LIKE wildcards or a backslash, then they match themselves only', async () => {
    expect(await ids('50%')).to.deep.equal([2]);
    expect(await ids('hello_world')).to.deep.equal([3]);
    expect(await ids('k\\s')).to.deep.equal([4]);
  });
});

import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { isPostgres, type Database } from '../../../src/db/database.js';

const INTERNAL = 'relation secret_ledger_table is locked by pid 4242';

/** Makes the database refuse to delete organisations with an internal-sounding message (a stand-in for any failure). */
async function breakOrganisationDeletes(db: Database): Promise<void> {
  if (isPostgres(db)) {
    await db.raw(`create function refuse_organisation_delete() returns trigger language plpgsql as $$ begin raise exception '${INTERNAL}'; end $$`);
    await db.raw('create trigger refuse_organisation_delete before delete on organisations for each row execute function refuse_organisation_delete()');
  } else {
    await db.raw(`create trigger refuse_organisation_delete before delete on organisations begin select raise(abort, '${INTERNAL}'); end`);
  }
}

describeEachDialect('Organisations page errors', (ctx) => {
  it("when deleting an organisation's data fails inside the database, then the page shows the generic message and never the internal one", async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Charlie Cabinets', 'disconnected');
    const user = await signedInAgent(testApp(db), db, [org]);
    const csrf = await user.csrf();
    await breakOrganisationDeletes(db);

    const res = await user.agent.post(`/organisations/${org.id}/delete-data`).type('form').send({ _csrf: csrf, confirmName: 'Charlie Cabinets' });

    expect(res.status).to.equal(500);
    expect(res.text).to.contain('Something went wrong on our side. It has been logged; please try again.');
    expect(res.text).to.not.contain('secret_ledger_table');
    expect(await db('organisations').where({ id: org.id }).first()).to.include({ name: 'Charlie Cabinets' });
  });

  it('when the typed name does not match, then the page shows that refusal next to the form with 422', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Delta Doors', 'disconnected');
    const user = await signedInAgent(testApp(db), db, [org]);
    const res = await user.agent
      .post(`/organisations/${org.id}/delete-data`)
      .type('form')
      .send({ _csrf: await user.csrf(), confirmName: 'Delta' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Type the organisation&#39;s name exactly (&#34;Delta Doors&#34;) to confirm.');
  });
});

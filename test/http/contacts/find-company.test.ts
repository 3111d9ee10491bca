import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { createContact } from '../../fixtures/contacts.js';
import { COMPANY_CHOICE_LIMIT } from '../../../src/contacts/contact-service.js';

describeEachDialect('finding a company on the contact form (no JavaScript)', (ctx) => {
  /** More active companies than the dropdown lists; "Zephyr Holdings" sorts past them all. */
  async function setup() {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Big Book');
    const many = Array.from({ length: COMPANY_CHOICE_LIMIT + 5 }, (_, i) => {
      const name = `Company ${String(i).padStart(4, '0')}`;
      return { organisation_id: org.id, id: randomUUID(), kind: 'company', name, name_key: name.toLowerCase() };
    });
    for (let i = 0; i < many.length; i += 100) await db('contacts').insert(many.slice(i, i + 100));
    const zephyr = await createContact(db, org.id, { name: 'Zephyr Holdings', email: 'office@zephyr.example' });
    const other = await createTestOrganisation(db, 'Someone else');
    await createContact(db, other.id, { name: 'Zephyr Elsewhere' });
    const signedIn = await signedInAgent(testApp(db), db, [org]);
    return { db, org, zephyr, agent: signedIn.agent, csrf: await signedIn.csrf() };
  }

  it('when a person is added in an organisation with more companies than the dropdown, then "Find company" offers any company, keeps what was typed, and Save links it', async () => {
    const { db, org, zephyr, agent, csrf } = await setup();
    const blank = await agent.get('/contacts/new');
    expect(blank.text).to.contain(`Showing the first ${COMPANY_CHOICE_LIMIT} companies by name: use &#34;Find company&#34; for the others.`);
    expect(blank.text).to.contain('<button type="submit" name="action" value="find-company" class="secondary">Find company</button>');
    expect(blank.text).not.to.contain('Zephyr Holdings');

    const typed = {
      _csrf: csrf,
      kind: 'person',
      name: '',
      first_name: 'Ana',
      last_name: 'Lopez',
      email: 'ana@zephyr.example',
      company_id: '',
      company_search: 'ZEPHYR',
    };
    const found = await agent
      .post('/contacts')
      .type('form')
      .send({ ...typed, action: 'find-company' });
    expect(found.status).to.equal(200);
    expect(found.text).to.contain(`<option value="${zephyr}" selected>Zephyr Holdings</option>`);
    expect(found.text).to.contain('1 company matches &#34;ZEPHYR&#34;.');
    expect(found.text).not.to.contain('Zephyr Elsewhere');
    expect(found.text).to.contain('value="Ana"');
    expect(found.text).to.contain('value="ana@zephyr.example"');
    expect(found.text).not.to.contain('Please correct');
    expect(await db('contacts').where({ organisation_id: org.id, first_name: 'Ana' }).first()).to.equal(undefined);

    const saved = await agent
      .post('/contacts')
      .type('form')
      .send({ ...typed, company_id: zephyr, action: 'save' });
    expect(saved.status).to.equal(303);
    const ana = await db('contacts').where({ organisation_id: org.id, first_name: 'Ana' }).first();
    expect(ana.company_id).to.equal(zephyr);

    // Editing her later keeps her company listed and chosen, though it is past the first 500.
    const edit = await agent.get(`/contacts/${ana.id}/edit`);
    expect(edit.text).to.contain(`<option value="${zephyr}" selected>Zephyr Holdings</option>`);
  });
});

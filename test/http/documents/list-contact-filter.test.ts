import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { FILTER_CHOICE_LIMIT } from '../../../src/contacts/contact-choices.js';
import type { Database } from '../../../src/db/database.js';

async function addContacts(db: Database, organisationId: string, count: number): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) => {
    const name = `Customer ${String(i + 1).padStart(3, '0')}`;
    return { organisation_id: organisationId, id: randomUUID(), kind: 'company', name, name_key: name.toLowerCase(), is_customer: true };
  });
  await db('contacts').insert(rows);
  return rows.map((r) => r.id);
}

describeEachDialect("list pages' customer filter", (ctx) => {
  it('when an organisation has a few customers, then the list pages offer them in a dropdown', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    await addContacts(db, org.id, 3);
    const { agent } = await signedInAgent(testApp(db), db, [org]);
    for (const path of ['/quotes', '/sales-orders', '/projects']) {
      const page = await agent.get(path);
      expect(page.status).to.equal(200);
      expect(page.text, path).to.contain('>Customer 003</option>');
    }
  });

  it('when an organisation has more customers than a dropdown should hold, then the filter offers only the chosen one and the page stays light', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const ids = await addContacts(db, org.id, FILTER_CHOICE_LIMIT + 10);
    const { agent } = await signedInAgent(testApp(db), db, [org]);
    for (const path of ['/quotes', '/sales-orders', '/projects']) {
      const plain = await agent.get(path);
      expect(plain.text, path).not.to.contain('>Customer 001</option>');
      const chosen = await agent.get(`${path}?contactId=${ids[41]}`);
      expect(chosen.status).to.equal(200);
      expect(chosen.text, path).to.match(/<option value="[^"]+" selected>Customer 042<\/option>/);
      expect(chosen.text).not.to.contain('>Customer 041</option>');
    }
  });

  it("when a contact's page is opened, then it links to that contact's quotes, sales orders, projects and a new quote", async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const [id] = await addContacts(db, org.id, 1);
    const { agent } = await signedInAgent(testApp(db), db, [org]);
    const page = await agent.get(`/contacts/${id}`);
    expect(page.status).to.equal(200);
    for (const href of [`/quotes/new?contactId=${id}`, `/quotes?contactId=${id}`, `/sales-orders?contactId=${id}`, `/projects?contactId=${id}`]) {
      expect(page.text).to.contain(`href="${href}"`);
    }
  });
});

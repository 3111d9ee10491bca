/**
 * "Readable on the record" (issue 17): each record page (contact, project, quote, sales order,
 * purchase order, contract) ends with its History: the latest entries with who, what and when, how many
 * in all, and for admins a link to /audit filtered to the record. Members read it too; only admins get
 * the link. Another organisation's entries never show.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { createContact, documentBody, gstLine, seedSalesSettings } from '../../fixtures/documents.js';
import { createSupplier, seedPurchaseSettings } from '../../fixtures/purchase-orders.js';

/** The History section of a record page, or '' when there is none. */
function historyOf(html: string): string {
  const start = html.indexOf('aria-labelledby="history-heading"');
  return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
}

const rowsOf = (history: string): string[] =>
  [...history.matchAll(/<tr><td>[^<]*<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => `${m[1]} | ${m[2]} | ${m[3]}`);

describeEachDialect('audit trail: a record page shows its history', (ctx) => {
  it('when records of each kind are created through their forms, then each page shows its History, with the link to the full trail for admins only', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Historic Ltd');
    await seedSalesSettings(db, org.id);
    await seedPurchaseSettings(db, org.id);
    const app = testApp(db);
    const admin = await signedInAgent(app, db, [org], { role: 'admin', firstName: 'Ada', lastName: 'Admin' });
    const member = await signedInAgent(app, db, [org], { firstName: 'Mo', lastName: 'Member' });
    const csrf = await member.csrf();
    const created = async (path: string, body: Record<string, string>): Promise<string> => {
      const res = await member.agent
        .post(path)
        .type('form')
        .send({ _csrf: csrf, ...body });
      expect(res.status, `${path}: ${res.text.slice(0, 300)}`).to.equal(303);
      return String(res.headers.location).split('/').pop() ?? '';
    };
    const customer = await createContact(db, org.id, 'Bluebird Cafe');
    const supplier = await createSupplier(db, org.id, 'Pipe Supply Co');
    const header = { contactId: customer, number: '', issueDate: '2026-11-20', currency: 'AUD', lineAmountTypes: 'Exclusive', reference: '', notes: '' };
    const records: Record<string, string> = {};
    records.contacts = await created('/contacts', { kind: 'company', name: 'Kestrel Kitchens', action: 'save' });
    records.projects = await created('/projects/new', {
      name: 'Kitchen refit',
      contactId: customer,
      status: 'active',
      startDate: '',
      endDate: '',
      budget: '',
      description: '',
    });
    records.quotes = await created('/quotes/new', documentBody({ ...header, expiryDate: '' }, [gstLine()]));
    records['sales-orders'] = await created(
      '/sales-orders/new',
      documentBody({ ...header, projectId: '', dueDate: '', deliveryAddress: '', deliveryDate: '', deliveryInstructions: '' }, [gstLine()]),
    );
    records['purchase-orders'] = await created(
      '/purchase-orders/new',
      documentBody(
        { ...header, contactId: supplier, projectId: '', deliveryDate: '', deliveryAddress: '', attentionTo: '', telephone: '', deliveryInstructions: '' },
        [{ description: 'Copper pipe', quantity: '3', unitPrice: '12.50', accountCode: '310', taxType: 'INPUT' }],
      ),
    );
    records.contracts = await created(
      '/contracts/new',
      documentBody(
        {
          ...header,
          title: 'Maintenance',
          salesOrderId: '',
          projectId: '',
          termMonths: '12',
          billingFrequency: 'monthly',
          firstInvoiceDate: '2026-11-20',
          paymentTermsDays: '14',
          paymentTermsType: 'DAYSAFTERBILLDATE',
          autoRenew: '',
          noticeDays: '30',
        },
        [gstLine({ description: 'Monthly service' })],
      ),
    );

    for (const [kind, id] of Object.entries(records)) {
      const asMember = historyOf((await member.agent.get(`/${kind}/${id}`)).text);
      expect(asMember, `${kind}: History section`).to.contain('History');
      expect(rowsOf(asMember), kind).to.deep.equal(['Mo Member | created | ']);
      expect(asMember, `${kind}: no link for a member`).not.to.contain('href="/audit');
      const asAdmin = historyOf((await admin.agent.get(`/${kind}/${id}`)).text);
      expect(asAdmin, `${kind}: the admin's link`).to.contain(`<a href="/audit?kind=${kind}&amp;record=${id}">Open in the audit trail</a>`);
      const full = await admin.agent.get(`/audit?kind=${kind}&record=${id}`);
      expect(full.status).to.equal(200);
      expect(full.text.match(/<td>Mo Member<\/td>/g), `${kind}: the filtered trail`).to.have.length(1);
    }
  });

  it('when a record has more entries than the page shows, then it shows the latest ten, newest first, and says how many; another organisation’s entries never show', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Busy Ltd');
    const other = await createTestOrganisation(db, 'Elsewhere');
    const app = testApp(db);
    const admin = await signedInAgent(app, db, [org], { role: 'admin' });
    const member = await signedInAgent(app, db, [org], { firstName: 'Mo', lastName: 'Member' });
    const csrf = await member.csrf();
    const made = await member.agent.post('/contacts').type('form').send({ _csrf: csrf, kind: 'company', name: 'Edit 0', action: 'save' });
    const id = String(made.headers.location).split('/').pop() ?? '';
    for (let i = 1; i <= 12; i++) {
      const res = await member.agent
        .post(`/contacts/${id}`)
        .type('form')
        .send({ _csrf: csrf, kind: 'company', name: `Edit ${i}`, action: 'save' });
      expect(res.status).to.equal(303);
    }
    // The same record id in another organisation's trail (it cannot be, but the page must not care).
    await db('audit_entries').insert({
      organisation_id: other.id,
      id: randomUUID(),
      at: '2099-01-01T00:00:00.000Z',
      user_name: 'Intruder',
      action: 'deleted',
      record_kind: 'contacts',
      record_id: id,
      path: `/contacts/${id}`,
    });

    const history = historyOf((await member.agent.get(`/contacts/${id}`)).text);
    const rows = rowsOf(history);
    expect(rows).to.have.length(10);
    expect(rows.every((r) => r === 'Mo Member | changed | ')).to.equal(true);
    expect(history).to.contain('<span class="count-badge">13<');
    expect(history).to.contain('The latest 10 of 13.');
    expect(history).not.to.contain('Intruder');
    const asAdmin = historyOf((await admin.agent.get(`/contacts/${id}`)).text);
    expect(asAdmin).to.contain(`All 13 entries in the audit trail`);
    const oldest = await admin.agent.get(`/audit?kind=contacts&record=${id}&page=1&pageSize=25`);
    expect(oldest.text.match(/<td>changed<\/td>/g)).to.have.length(12);
    expect(oldest.text.match(/<td>created<\/td>/g)).to.have.length(1);
    expect(oldest.text).not.to.contain('Intruder');
  });
});

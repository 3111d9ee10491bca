import { expect } from 'chai';
import nock from 'nock';
import { randomUUID } from 'node:crypto';
import { describeEachDialect } from '../../helpers/test-db.js';
import { API_PATH, syncFixture, XERO_API, type SyncFixture } from '../../helpers/xero-sync-fixture.js';
import { createContact, seedSalesSettings } from '../../fixtures/documents.js';
import { contractRepeatingInvoiceHandler } from '../../../src/xero-contracts/index.js';

const requester = { userId: null, name: 'Sam Sender' };
const CONTACT_XERO_ID = '0c0c0c0c-0000-4000-8000-000000000001';
const TEMPLATE_ID = '0c0c0c0c-0000-4000-8000-0000000000aa';

async function settings(f: SyncFixture): Promise<void> {
  await seedSalesSettings(f.db, f.organisationId);
  const at = new Date().toISOString();
  await f.db('xero_settings_sync').insert(
    ['accounts', 'tax_rates', 'currencies', 'items', 'tracking_categories'].map((kind) => ({
      organisation_id: f.organisationId,
      kind,
      last_refreshed_at: at,
    })),
  );
}

/** A contract as the kit writes one, its customer already linked to a Xero contact. */
async function makeContract(f: SyncFixture, header: Record<string, unknown>): Promise<string> {
  const contactId = await createContact(f.db, f.organisationId, 'Harbour Cafe', { xero_contact_id: CONTACT_XERO_ID });
  const id = randomUUID();
  await f.db('contracts').insert({
    organisation_id: f.organisationId,
    id,
    number: 'CT-0007',
    contact_id: contactId,
    title: 'Coffee machine service',
    issue_date: '2026-12-01',
    term_months: 12,
    end_date: '2027-11-30',
    billing_frequency: 'monthly',
    first_invoice_date: '2026-12-05',
    payment_terms_days: 14,
    payment_terms_type: 'DAYSAFTERBILLDATE',
    currency: 'AUD',
    line_amount_types: 'Exclusive',
    status: 'active',
    ...header,
  });
  await f.db('contract_lines').insert(
    [
      { description: 'Monthly service', quantity: 10000, unit_price: 1500000, discount_rate: 0, account_code: '200', tax_type: 'OUTPUT' },
      { description: 'Descaling', quantity: 20000, unit_price: 125000, discount_rate: 100000, account_code: '200', tax_type: 'OUTPUT' },
    ].map((l, position) => ({
      organisation_id: f.organisationId,
      id: randomUUID(),
      contract_id: id,
      position,
      tax_rate: 100000,
      line_amount: 0,
      tax_amount: 0,
      ...l,
    })),
  );
  return id;
}

async function send(f: SyncFixture, id: string) {
  const { operation } = await f.engine.forOrganisation(f.tdb).enqueue({ recordKind: 'contract', recordId: id, recordLabel: 'CT-0007', requester });
  await f.engine.worker.drain();
  return f.engine.forOrganisation(f.tdb).get(operation.id);
}

/** The linked contact: read once in Xero and updated to match (the sync engine's contact send). */
function contactChecked() {
  nock(XERO_API)
    .get(`${API_PATH}/Contacts/${CONTACT_XERO_ID}`)
    .reply(200, { Contacts: [{ ContactID: CONTACT_XERO_ID, Name: 'Harbour Cafe', ContactStatus: 'ACTIVE' }] });
  nock(XERO_API)
    .post(`${API_PATH}/Contacts/${CONTACT_XERO_ID}`)
    .reply(200, { Contacts: [{ ContactID: CONTACT_XERO_ID, Name: 'Harbour Cafe', ContactStatus: 'ACTIVE' }] });
}

const LINES = [
  { Description: 'Monthly service', Quantity: 1, UnitAmount: 150, AccountCode: '200', TaxType: 'OUTPUT' },
  { Description: 'Descaling', Quantity: 2, UnitAmount: 12.5, AccountCode: '200', TaxType: 'OUTPUT', DiscountRate: 10 },
];

const CASES = [
  { frequency: 'weekly', period: 1, unit: 'WEEKLY' },
  { frequency: 'fortnightly', period: 2, unit: 'WEEKLY' },
  { frequency: 'monthly', period: 1, unit: 'MONTHLY' },
  { frequency: 'quarterly', period: 3, unit: 'MONTHLY' },
  { frequency: 'half_yearly', period: 6, unit: 'MONTHLY' },
  { frequency: 'annually', period: 12, unit: 'MONTHLY' },
];

describeEachDialect('Sending contracts to Xero: the exact repeating-invoice JSON', (ctx) => {
  before(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());

  for (const c of CASES) {
    it(`when a ${c.frequency} contract is sent, then one PUT carries Schedule Period ${c.period} ${c.unit} with its dates, due rule, reference and lines`, async () => {
      const f = await syncFixture(ctx.current().db, { handlers: [contractRepeatingInvoiceHandler] });
      await settings(f);
      const id = await makeContract(f, { billing_frequency: c.frequency });
      contactChecked();
      let sentBody: unknown;
      let headers: Record<string, string | string[] | undefined> = {};
      const put = nock(XERO_API)
        .put(`${API_PATH}/RepeatingInvoices`)
        .query({ summarizeErrors: 'true' })
        .reply(function (_uri, body) {
          sentBody = body;
          headers = this.req.headers;
          return [
            200,
            {
              RepeatingInvoices: [
                { RepeatingInvoiceID: TEMPLATE_ID, Status: 'DRAFT', Schedule: { StartDate: '2026-12-05T00:00:00', NextScheduledDate: '2026-12-05T00:00:00' } },
              ],
            },
          ];
        });
      const op = await send(f, id);
      expect(op.status, `${op.resultMessage ?? ''} ${op.advice ?? ''} ${JSON.stringify(op.xeroMessages)}`).to.equal('done');
      expect(put.isDone()).to.equal(true);
      expect(headers['idempotency-key']).to.be.a('string');
      expect(sentBody).to.deep.equal({
        RepeatingInvoices: [
          {
            Type: 'ACCREC',
            Contact: { ContactID: CONTACT_XERO_ID },
            Schedule: { Period: c.period, Unit: c.unit, DueDate: 14, DueDateType: 'DAYSAFTERBILLDATE', StartDate: '2026-12-05', EndDate: '2027-11-30' },
            LineAmountTypes: 'Exclusive',
            Reference: 'CT-0007',
            CurrencyCode: 'AUD',
            Status: 'DRAFT',
            LineItems: LINES,
          },
        ],
      });
      const row = await f.db('contract_repeating_invoices').where({ organisation_id: f.organisationId, contract_id: id }).first();
      expect([row.repeating_invoice_id, row.status, row.start_date, row.next_scheduled_date]).to.deep.equal([TEMPLATE_ID, 'DRAFT', '2026-12-05', '2026-12-05']);
    });
  }

  it('when an open-ended contract due on day 20 of the next month is sent under an Approved default, then the Schedule has no EndDate and the template is AUTHORISED', async () => {
    const f = await syncFixture(ctx.current().db, { handlers: [contractRepeatingInvoiceHandler] });
    await settings(f);
    await f.db('xero_defaults').insert({ organisation_id: f.organisationId, invoice_status: 'AUTHORISED', updated_at: new Date().toISOString() });
    const id = await makeContract(f, { term_months: null, end_date: null, payment_terms_days: 20, payment_terms_type: 'OFFOLLOWINGMONTH' });
    contactChecked();
    let sentBody: { RepeatingInvoices: Record<string, unknown>[] } | undefined;
    nock(XERO_API)
      .put(`${API_PATH}/RepeatingInvoices`)
      .query(true)
      .reply((_uri, body) => {
        sentBody = body as typeof sentBody;
        return [200, { RepeatingInvoices: [{ RepeatingInvoiceID: TEMPLATE_ID, Status: 'AUTHORISED' }] }];
      });
    expect((await send(f, id)).status).to.equal('done');
    const sent = sentBody!.RepeatingInvoices[0]!;
    expect(sent.Schedule).to.deep.equal({ Period: 1, Unit: 'MONTHLY', DueDate: 20, DueDateType: 'OFFOLLOWINGMONTH', StartDate: '2026-12-05' });
    expect(sent.Status).to.equal('AUTHORISED');
  });

  it('when the contract has its generated PDF and a ticked upload, then each is PUT to the repeating invoice’s Attachments by file name with its exact bytes, once', async () => {
    const f = await syncFixture(ctx.current().db, { handlers: [contractRepeatingInvoiceHandler] });
    await settings(f);
    const id = await makeContract(f, {});
    const pdf = Buffer.from('%PDF-1.4\n% the contract\n%%EOF\n');
    const notes = Buffer.from('Access: side gate.\n');
    const other = Buffer.from('Not ticked.\n');
    const file = (name: string, bytes: Buffer, extra: Record<string, unknown>) => ({
      organisation_id: f.organisationId,
      id: randomUUID(),
      contract_id: id,
      file_name: name,
      content_type: 'application/octet-stream',
      size_bytes: bytes.length,
      content: bytes,
      attach_to_xero: false,
      ...extra,
    });
    await f
      .db('contract_files')
      .insert([
        file('CT-0007 contract v1.pdf', Buffer.from('%PDF-1.4 old'), { source: 'generated', version: 1, created_at: '2026-12-01T10:00:00.000Z' }),
        file('CT-0007 contract v2.pdf', pdf, { source: 'generated', version: 2, created_at: '2026-12-01T11:00:00.000Z' }),
        file('site notes.txt', notes, { source: 'upload', attach_to_xero: true, created_at: '2026-12-01T12:00:00.000Z' }),
        file('other.txt', other, { source: 'upload', created_at: '2026-12-01T12:30:00.000Z' }),
      ]);
    contactChecked();
    nock(XERO_API)
      .put(`${API_PATH}/RepeatingInvoices`)
      .query(true)
      .reply(200, { RepeatingInvoices: [{ RepeatingInvoiceID: TEMPLATE_ID, Status: 'DRAFT' }] });
    const uploads: { name: string; bytes: Buffer; key: unknown }[] = [];
    const attach = nock(XERO_API)
      .put(new RegExp(`^${API_PATH}/RepeatingInvoices/${TEMPLATE_ID}/Attachments/[^/]+$`))
      .times(2)
      .reply(function (uri, body) {
        const raw = body as unknown;
        const bytes = Buffer.isBuffer(raw)
          ? raw
          : typeof raw === 'string'
            ? Buffer.from(raw, /^[0-9a-f]+$/.test(raw) ? 'hex' : 'utf8')
            : Buffer.from(JSON.stringify(raw));
        uploads.push({ name: decodeURIComponent(uri.split('/').pop()!), bytes, key: this.req.headers['idempotency-key'] });
        return [200, { Attachments: [{ AttachmentID: randomUUID(), FileName: decodeURIComponent(uri.split('/').pop()!) }] }];
      });
    const op = await send(f, id);
    expect(op.status, `${op.resultMessage ?? ''} ${op.advice ?? ''}`).to.equal('done');
    expect(attach.isDone()).to.equal(true);
    expect(uploads.map((u) => u.name)).to.deep.equal(['CT-0007 contract v2.pdf', 'site notes.txt']);
    expect(uploads[0]!.bytes.equals(pdf)).to.equal(true);
    expect(uploads[1]!.bytes.equals(notes)).to.equal(true);
    expect(uploads.every((u) => typeof u.key === 'string')).to.equal(true);
    expect(op.resultMessage).to.contain('2 files attached');

    // Sent again unchanged: no template call and nothing attached twice.
    const op2 = await send(f, id);
    expect([op2.status, op2.outcome]).to.deep.equal(['done', 'unchanged']);
  });
});

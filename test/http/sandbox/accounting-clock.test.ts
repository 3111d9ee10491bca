import { expect } from 'chai';
import { Contact, RepeatingInvoice, Schedule, type RepeatingInvoices } from 'xero-node';
import { firstOf, startAccounting, wireBody, type Fixture } from './accounting-fixture.js';
import { eventsSeen, KEY, startReceiver, type WebhookReceiver } from './webhook-receiver.js';

type Row = Record<string, unknown>;
const JSON_HEADERS = { 'Content-Type': 'application/json' };

const template = (startDate: string, extra: Partial<RepeatingInvoice> = {}): RepeatingInvoices => ({
  repeatingInvoices: [
    {
      type: RepeatingInvoice.TypeEnum.ACCREC,
      contact: { name: 'Clock Club' },
      status: RepeatingInvoice.StatusEnum.AUTHORISED,
      reference: 'Membership',
      schedule: { period: 1, unit: Schedule.UnitEnum.MONTHLY, dueDate: 14, dueDateType: Schedule.DueDateTypeEnum.DAYSAFTERBILLDATE, startDate },
      lineItems: [{ description: 'Monthly membership', quantity: 1, unitAmount: 50, accountCode: '200', taxType: 'OUTPUT' }],
      ...extra,
    },
  ],
});

describe("sandbox accounting: Xero's clock runs repeating invoices", () => {
  let f: Fixture;
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await f.close();
    await receiver?.close();
    receiver = undefined;
  });

  async function createTemplate(startDate: string, extra: Partial<RepeatingInvoice> = {}): Promise<string> {
    const created = firstOf(
      wireBody(await f.xero.accountingApi.createRepeatingInvoices(f.tenantId, template(startDate, extra)), 'RepeatingInvoices'),
      'RepeatingInvoices',
    );
    return String(created['RepeatingInvoiceID']);
  }

  async function generatedBy(id: string): Promise<Row[]> {
    const body = wireBody(await f.xero.accountingApi.getInvoices(f.tenantId, undefined, `RepeatingInvoiceID==GUID("${id}")`, 'Date ASC'), 'Invoices');
    return body['Invoices'] as Row[];
  }

  async function nextDateOf(id: string): Promise<unknown> {
    const t = firstOf(wireBody(await f.xero.accountingApi.getRepeatingInvoice(f.tenantId, id), 'RepeatingInvoices'), 'RepeatingInvoices');
    return (t['Schedule'] as Row)['NextScheduledDateString'];
  }

  async function advance(days: unknown): Promise<{ status: number; json: unknown }> {
    return f.call('POST', '/sandbox-admin/clock/advance', { body: JSON.stringify({ days }), headers: JSON_HEADERS });
  }

  it("when the organisation's clock is advanced past NextScheduledDate, then the invoice is generated per the schedule, sends CREATE and the date moves on", async () => {
    receiver = await startReceiver(() => 200);
    f = await startAccounting({ webhookUrl: receiver.url, webhookKey: KEY });
    const id = await createTemplate('2026-12-01');
    const early = await advance(4);
    expect(early.json).to.deep.include({ date: '2026-11-30', offsetDays: 4, invoices: [] });
    const due = await advance(1);
    expect(due.status).to.equal(200);
    expect((due.json as { date: string }).date).to.equal('2026-12-01');
    const generated = await generatedBy(id);
    expect(generated.map((i) => [i['DateString'], i['DueDateString'], i['Status'], i['Reference'], i['Total']])).to.deep.equal([
      ['2026-12-01T00:00:00', '2026-12-15T00:00:00', 'AUTHORISED', 'Membership', 55],
    ]);
    expect(generated[0]?.['RepeatingInvoiceID']).to.equal(id);
    expect(await nextDateOf(id)).to.equal('2027-01-01T00:00:00');
    await f.router.accounting.webhooks.flush();
    expect(eventsSeen(receiver)).to.include(`INVOICE CREATE ${String(generated[0]?.['InvoiceID'])}`);
    await advance(62);
    expect((await generatedBy(id)).map((i) => i['DateString'])).to.deep.equal(['2026-12-01T00:00:00', '2027-01-01T00:00:00', '2027-02-01T00:00:00']);
  });

  it("when the sandbox clock passes a draft template's date, then the clock generates the DRAFT invoice by itself", async () => {
    f = await startAccounting({ extra: { scheduleTickMs: 20 } });
    const id = await createTemplate('2026-11-28', { status: RepeatingInvoice.StatusEnum.DRAFT });
    f.clock.advance(2 * 24 * 60 * 60 * 1000);
    let generated: Row[] = [];
    while (generated.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      generated = await generatedBy(id);
    }
    expect(generated.map((i) => [i['DateString'], i['Status']])).to.deep.equal([['2026-11-28T00:00:00', 'DRAFT']]);
    expect(await nextDateOf(id)).to.equal('2026-12-28T00:00:00');
  });

  it('when the time scale is 24, then an hour of the sandbox clock is a day of the schedules', async () => {
    f = await startAccounting({ timeScale: 24, extra: { scheduleTickMs: 3_600_000 } });
    f.clock.advance(60 * 60 * 1000);
    const clock = await f.call('GET', '/sandbox-admin/clock');
    expect(clock.json).to.deep.equal({ date: '2026-11-27', offsetDays: 0, timeScale: 24 });
    const id = await createTemplate('2026-11-27');
    const runs = await f.router.accounting.schedules.runDue(f.tenantId);
    expect(runs.flatMap((r) => r.invoices).map((i) => i['RepeatingInvoiceID'])).to.deep.equal([id]);
  });

  it('when one template cannot run (its contact is archived), then the others still run and a deleted template never does', async () => {
    f = await startAccounting();
    const blocked = await createTemplate('2026-11-27', { contact: { name: 'Archived Member' } });
    const deleted = await createTemplate('2026-11-27', { contact: { name: 'Deleted Member' } });
    const fine = await createTemplate('2026-11-27');
    const contacts = wireBody(await f.xero.accountingApi.getContacts(f.tenantId, undefined, 'Name=="Archived Member"'), 'Contacts')['Contacts'] as Row[];
    await f.xero.accountingApi.updateContact(f.tenantId, String(contacts[0]?.['ContactID']), {
      contacts: [{ contactStatus: Contact.ContactStatusEnum.ARCHIVED }],
    });
    await f.xero.accountingApi.updateRepeatingInvoice(f.tenantId, deleted, { repeatingInvoices: [{ status: RepeatingInvoice.StatusEnum.DELETED }] });
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      await advance(1);
    } finally {
      console.warn = warn;
    }
    expect(await generatedBy(fine)).to.have.length(1);
    expect(await generatedBy(blocked)).to.have.length(0);
    expect(await generatedBy(deleted)).to.have.length(0);
    expect(String(warnings[0])).to.contain(blocked);
  });

  it('when an approved template is approved for sending, then the invoices it generates are marked sent to the contact', async () => {
    f = await startAccounting();
    const sent = await createTemplate('2026-11-27', { approvedForSending: true, sendCopy: false, markAsSent: false, includePDF: true });
    const kept = await createTemplate('2026-11-27', { contact: { name: 'Not Emailed Club' } });
    await advance(1);
    expect((await generatedBy(sent)).map((i) => i['SentToContact'])).to.deep.equal([true]);
    expect((await generatedBy(kept)).map((i) => i['SentToContact'] ?? false)).to.deep.equal([false]);
  });

  it('when the days to advance are not a positive whole number, then the admin endpoint refuses them', async () => {
    f = await startAccounting();
    for (const days of [0, -1, 1.5, 'two', 4000]) expect((await advance(days)).status).to.equal(400);
    expect((await f.call('GET', '/sandbox-admin/clock')).json).to.deep.include({ offsetDays: 0 });
  });
});

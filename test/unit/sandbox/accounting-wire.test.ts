import { expect } from 'chai';
import { readBatch } from '../../../src/sandbox/accounting/request-body.js';
import { advance, dueDate } from '../../../src/sandbox/accounting/schedule.js';
import { envelope, parseDateInput, toWire } from '../../../src/sandbox/accounting/wire.js';
import { XeroHttpError } from '../../../src/sandbox/accounting/wire.js';
import { expectValidXero } from '../../helpers/xero-openapi.js';

describe('sandbox accounting wire format', () => {
  it('when a stored record has dates, then they become /Date(ms+0000)/ with DateString twins and UpdatedDateUTC has none', () => {
    const wire = toWire({ Date: '2018-10-20T00:00:00', UpdatedDateUTC: '2026-01-15T10:00:00.000Z', Nested: [{ DueDate: '2018-10-21T00:00:00' }] });
    expect(wire).to.deep.equal({
      Date: '/Date(1539993600000+0000)/',
      DateString: '2018-10-20T00:00:00',
      UpdatedDateUTC: `/Date(${Date.UTC(2026, 0, 15, 10)}+0000)/`,
      Nested: [{ DueDate: '/Date(1540080000000+0000)/', DueDateString: '2018-10-21T00:00:00' }],
    });
  });

  it('when the envelope is built, then it has Id, Status OK, ProviderName, DateTimeUTC and validates as Xero Contacts', () => {
    const body = envelope('Ledgerside', 1539993600000, 'Contacts', [{ ContactID: '0f2b6c2e-0a5b-4f5e-9a3b-1f2e3d4c5b6a', Name: 'A' }]);
    expect(body).to.include({ Status: 'OK', ProviderName: 'Ledgerside', DateTimeUTC: '/Date(1539993600000)/' });
    expectValidXero('Contacts', body);
  });

  const dates: [string, string | undefined][] = [
    ['2026-01-15', '2026-01-15T00:00:00'],
    ['2026-01-15T13:45:00', '2026-01-15T00:00:00'],
    ['2026-01-15T13:45:00Z', '2026-01-15T00:00:00'],
    ['/Date(1539993600000+0000)/', '2018-10-20T00:00:00'],
    ['2026-02-30', undefined],
    ['15/01/2026', undefined],
    ['tomorrow', undefined],
  ];
  for (const [input, expected] of dates) {
    it(`when a client sends the date ${input}, then it is read as ${expected ?? 'not a date'}`, () => {
      expect(parseDateInput(input)).to.equal(expected);
    });
  }

  it('when a body has a numeric string, then it becomes a number; a boolean in a string member becomes text', () => {
    const [contact] = readBatch(Buffer.from(JSON.stringify({ Contacts: [{ Name: 'A', Discount: '12.5', ContactNumber: 42 }] })), 'Contacts', 'Contact');
    expect(contact).to.deep.equal({ Name: 'A', Discount: 12.5, ContactNumber: '42' });
  });

  it('when a body has an enum value Xero does not know, then it is a PostDataInvalidException', () => {
    try {
      readBatch(Buffer.from(JSON.stringify({ Invoices: [{ Type: 'ACCSOMETHING' }] })), 'Invoices', 'Invoice');
      expect.fail('should throw');
    } catch (error) {
      expect(error).to.be.instanceOf(XeroHttpError);
      expect((error as XeroHttpError).status).to.equal(400);
      expect(JSON.stringify((error as XeroHttpError).body)).to.contain("Path 'Invoices[0].Type'");
    }
  });

  it('when a monthly schedule starts on the 31st, then later months clamp to their last day', () => {
    expect([0, 1, 2, 3].map((n) => advance('2026-01-31', 1, 'MONTHLY', n))).to.deep.equal(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect(advance('2026-12-28', 2, 'WEEKLY', 1)).to.equal('2027-01-11');
    expect(advance('2026-01-15', 12, 'MONTHLY', 1)).to.equal('2027-01-15');
  });

  it("when due dates are computed for each DueDateType, then they follow Xero's meaning", () => {
    expect(dueDate('2026-01-15', 20, 'DAYSAFTERBILLDATE')).to.equal('2026-02-04');
    expect(dueDate('2026-01-15', 5, 'DAYSAFTERBILLMONTH')).to.equal('2026-02-05');
    expect(dueDate('2026-01-15', 31, 'OFCURRENTMONTH')).to.equal('2026-01-31');
    expect(dueDate('2026-12-15', 20, 'OFFOLLOWINGMONTH')).to.equal('2027-01-20');
    expect(dueDate('2026-01-15', 31, 'OFFOLLOWINGMONTH')).to.equal('2026-02-28');
  });
});

import { expect } from 'chai';
import { compileOrder, compileWhere, WhereSyntaxError } from '../../../src/sandbox/accounting/where.js';
import type { JsonObject } from '../../../src/sandbox/accounting/types.js';

const invoice: JsonObject = {
  Type: 'ACCREC',
  Status: 'AUTHORISED',
  Total: 220,
  Date: '2026-03-01T00:00:00',
  IsDiscounted: false,
  Reference: '',
  Contact: { ContactID: '0f2b6c2e-0a5b-4f5e-9a3b-1f2e3d4c5b6a', Name: 'ABC Furniture' },
};

describe('sandbox accounting where filter', () => {
  const table: [string, boolean][] = [
    ['Status=="AUTHORISED"', true],
    ['Status == "DRAFT"', false],
    ['status=="authorised"', true],
    ['Status!="DRAFT" AND Type=="ACCREC"', true],
    ['Status=="DRAFT" OR Total>200', true],
    ['Status=="DRAFT" || (Total>=220 && Total<=220)', true],
    ['Total<220', false],
    ['Contact.Name.Contains("furn")', true],
    ['Contact.Name.StartsWith("ABC")', true],
    ['Contact.Name.EndsWith("Ltd")', false],
    ['Contact.ContactID==GUID("0F2B6C2E-0A5B-4F5E-9A3B-1F2E3D4C5B6A")', true],
    ['Date>=DateTime(2026,02,01)', true],
    ['Date<DateTime(2026, 03, 01)', false],
    ['Reference==null', true],
    ['Contact.EmailAddress!=null', false],
    ['NOT (Status=="DRAFT")', true],
    ['IsDiscounted==false', true],
    ['220==Total', true],
  ];
  for (const [where, expected] of table) {
    it(`when the filter is ${where}, then the invoice ${expected ? 'matches' : 'does not match'}`, () => {
      expect(compileWhere(where)(invoice)).to.equal(expected);
    });
  }

  for (const bad of ['Status==', 'Status=="DRAFT" AND (', 'Name.Contains(3)', '"a"=="b"', 'Status=="x" @']) {
    it(`when the filter is malformed (${bad}), then it throws a WhereSyntaxError`, () => {
      expect(() => compileWhere(bad)(invoice)).to.throw(WhereSyntaxError);
    });
  }

  it('when records are ordered by two keys, then the second breaks ties and DESC reverses', () => {
    const rows: JsonObject[] = [
      { Name: 'b', N: 1 },
      { Name: 'a', N: 2 },
      { Name: 'b', N: 3 },
    ];
    expect([...rows].sort(compileOrder('Name ASC, N DESC')).map((r) => r['N'])).to.deep.equal([2, 3, 1]);
    expect(() => compileOrder('Name SIDEWAYS')).to.throw(WhereSyntaxError);
  });
});

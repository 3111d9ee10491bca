import { expect } from 'chai';
import {
  currencyColumn,
  formatMoney,
  formatQuantity,
  formatUnitPrice,
  inputUnitPrice,
  parseDecimal,
  parseMoney,
  parseScaled4,
} from '../../../src/common/money.js';

describe('money parsing and formatting', () => {
  const accepted: Array<[string, number]> = [
    ['1,234.50', 123450],
    ['1234.5', 123450],
    ['0.01', 1],
    ['.5', 50],
    ['12', 1200],
    [' 7.00 ', 700],
    ['$3.10', 310],
    ['1,000,000', 100000000],
  ];
  for (const [typed, cents] of accepted) {
    it(`when a user types "${typed}" as money, then it is ${cents} cents`, () => {
      expect(parseMoney(typed)).to.deep.equal({ ok: true, value: cents });
    });
  }

  it('when a user types a 4 dp quantity, then it is scaled by 10,000 exactly', () => {
    expect(parseScaled4('12.3456')).to.deep.equal({ ok: true, value: 123456 });
    expect(parseScaled4('0.0001')).to.deep.equal({ ok: true, value: 1 });
  });

  const refused: Array<[unknown, RegExp]> = [
    ['', /required/],
    [undefined, /required/],
    ['abc', /must be a number/],
    ['1,23.4', /must be a number/],
    ['1.2.3', /must be a number/],
    ['12.345', /at most 2 decimal places/],
    ['-5', /can't be negative/],
    ['9'.repeat(40), /too long/],
    ['2,000,000,000', /at most 1,000,000,000/],
  ];
  for (const [typed, message] of refused) {
    it(`when a user types ${JSON.stringify(typed)} as money, then the error says ${message}`, () => {
      const result = parseMoney(typed, 'Budget');
      expect(result.ok).to.equal(false);
      if (!result.ok) {
        expect(result.error).to.match(message);
        expect(result.error).to.match(/^Budget/);
      }
    });
  }

  it('when negatives are allowed, then "-0.125" at 4 dp is -1250', () => {
    expect(parseDecimal('-0.125', { dp: 4, allowNegative: true })).to.deep.equal({ ok: true, value: -1250 });
  });

  it('when cents are formatted, then the currency code and 2 dp with thousands separators are shown', () => {
    expect(formatMoney(123450, 'AUD')).to.equal('AUD 1,234.50');
    expect(formatMoney(-5, 'NZD')).to.equal('NZD -0.05');
    expect(formatMoney(0, 'GBP')).to.equal('GBP 0.00');
  });

  it('when quantities and unit prices are formatted, then trailing zeros go but prices keep 2 dp', () => {
    expect(formatQuantity(20000)).to.equal('2');
    expect(formatQuantity(123456)).to.equal('12.3456');
    expect(formatUnitPrice(1000000)).to.equal('100.00');
    expect(formatUnitPrice(1250)).to.equal('0.125');
    expect(inputUnitPrice(12345670000)).to.equal('1234567.00');
  });

  it('when every row of a table is in AUD, then AUD is shown once in the headings and no Currency column', () => {
    expect(currencyColumn(['AUD', 'AUD'])).to.deep.equal({ shared: 'AUD', perRow: false });
  });

  it('when rows are in AUD and NZD, then the table has a Currency column', () => {
    expect(currencyColumn(['AUD', 'NZD', 'AUD'])).to.deep.equal({ shared: null, perRow: true });
  });

  it('when a table has no rows, then it names no currency', () => {
    expect(currencyColumn([])).to.deep.equal({ shared: null, perRow: false });
  });
});

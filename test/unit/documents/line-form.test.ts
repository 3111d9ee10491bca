import { expect } from 'chai';
import { applyLineAction, isBlankDraft, parseFormAction, readLineDrafts } from '../../../src/documents/line-form.js';
import { emptyLineDraft, MAX_LINES } from '../../../src/documents/lines.js';

describe('line editor form actions', () => {
  it('when the pressed button is "add-line", "remove-line:N", "find-contact" or "find-product", then the action says so; anything else saves', () => {
    expect(parseFormAction({ action: 'add-line' })).to.deep.equal({ kind: 'add-line' });
    expect(parseFormAction({ action: 'remove-line:3' })).to.deep.equal({ kind: 'remove-line', index: 3 });
    expect(parseFormAction({ action: 'find-contact' })).to.deep.equal({ kind: 'find-contact' });
    expect(parseFormAction({ action: 'find-product' })).to.deep.equal({ kind: 'find-product' });
    expect(parseFormAction({ action: 'save' })).to.deep.equal({ kind: 'save' });
    expect(parseFormAction({ action: 'remove-line:abc' })).to.deep.equal({ kind: 'save' });
    expect(parseFormAction({ action: ['add-line', 'save'] })).to.deep.equal({ kind: 'save' });
    expect(parseFormAction(undefined)).to.deep.equal({ kind: 'save' });
  });

  it('when a body has lines with gaps and unknown fields, then drafts come back in index order with unknown fields ignored', () => {
    const drafts = readLineDrafts({
      'lines[5][description]': 'Third',
      'lines[0][description]': 'First',
      'lines[0][quantity]': '2',
      'lines[2][description]': 'Second',
      'lines[0][evil]': 'x',
      'lines[1][__proto__]': 'y',
      other: 'z',
    });
    expect(drafts.map((d) => d.description)).to.deep.equal(['First', 'Second', 'Third']);
    expect(drafts[0]?.quantity).to.equal('2');
    expect(drafts[0]).not.to.have.property('evil');
  });

  it('when a field arrives as an array (a tampered body), then it reads as empty text', () => {
    const drafts = readLineDrafts({ 'lines[0][description]': ['a', 'b'] });
    expect(drafts[0]?.description).to.equal('');
  });

  it('when a body has far more lines than allowed, then only one more than the limit is read', () => {
    const body: Record<string, string> = {};
    for (let i = 0; i < 500; i += 1) body[`lines[${i}][description]`] = `Line ${i}`;
    expect(readLineDrafts(body)).to.have.length(MAX_LINES + 1);
  });

  it('when "Add line" is applied, then a blank line is appended; "Remove line N" removes exactly that one', () => {
    const drafts = [
      { ...emptyLineDraft(), description: 'A' },
      { ...emptyLineDraft(), description: 'B' },
      { ...emptyLineDraft(), description: 'C' },
    ];
    expect(applyLineAction(drafts, { kind: 'add-line' }).map((d) => d.description)).to.deep.equal(['A', 'B', 'C', '']);
    expect(applyLineAction(drafts, { kind: 'remove-line', index: 1 }).map((d) => d.description)).to.deep.equal(['A', 'C']);
    expect(applyLineAction(drafts, { kind: 'remove-line', index: 9 })).to.have.length(3);
  });

  it('when the last line is removed, then one blank line remains so the form still has a row to type in', () => {
    const result = applyLineAction([{ ...emptyLineDraft(), description: 'Only' }], { kind: 'remove-line', index: 0 });
    expect(result).to.have.length(1);
    expect(isBlankDraft(result[0] ?? emptyLineDraft())).to.equal(true);
  });
});

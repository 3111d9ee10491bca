import { expect } from 'chai';
import { XeroApiError, XeroCallsPausedError, XeroRateLimitedError, type OrganisationGateway } from '../../../src/xero/index.js';
import { provesNothingWritten, writeMarks } from '../../../src/xero-sync/write-marks.js';

const apiError = (status: number | undefined) => new XeroApiError('xero_failed', 502, 'Xero answered with an error', status, [], null);

/** A gateway whose saveInvoices ends as told (the marks only see what the call ends with). */
function gatewayEnding(results: Array<Error | 'ok'>): OrganisationGateway {
  return {
    saveInvoices: async () => {
      const next = results.shift();
      if (next instanceof Error) throw next;
      return [];
    },
  } as unknown as OrganisationGateway;
}

describe('Write marks: which refusals prove a create never reached Xero’s write', () => {
  const cases: Array<[string, unknown, boolean]> = [
    ['Xero’s 429 (day)', new XeroRateLimitedError('spent', 3600, 'day', null), true],
    ['Xero’s 429 (minute)', new XeroRateLimitedError('slow down', 5, 'minute', null), true],
    ['our pacer refusing to start the call', new XeroCallsPausedError(new Date(), 'day'), true],
    ['401 after the refresh', apiError(401), true],
    ['403 disconnected', apiError(403), true],
    ['400: a batch may be partly saved', apiError(400), false],
    ['500', apiError(500), false],
    ['503', apiError(503), false],
    ['a dropped connection (no status)', apiError(undefined), false],
    ['an unexpected error', new Error('boom'), false],
  ];
  for (const [what, error, proves] of cases)
    it(`when the call ends with ${what}, then it ${proves ? 'proves' : 'does not prove'} that nothing was written`, () => {
      expect(provesNothingWritten(error)).to.equal(proves);
    });

  it('when the marked create is refused with a 429, then its operations’ marks are taken back; a 500 keeps them', async () => {
    const marks = writeMarks();
    const gateway = marks.watch(gatewayEnding([new XeroRateLimitedError('spent', 3600, 'day', null), apiError(500)]));
    marks.marked(['a', 'b']);
    await gateway.saveInvoices('create', [], 'k1').catch(() => undefined);
    marks.marked(['c']);
    await gateway.saveInvoices('create', [], 'k2').catch(() => undefined);
    expect(marks.takenBack()).to.deep.equal(['a', 'b']);
  });

  it('when an operation was marked for a create that answered and then for one refused with a 429, then its mark stays', async () => {
    const marks = writeMarks();
    const gateway = marks.watch(gatewayEnding(['ok', new XeroRateLimitedError('spent', 3600, 'day', null)]));
    marks.marked(['a']);
    await gateway.saveInvoices('create', [], 'k1');
    marks.marked(['a', 'b']);
    await gateway.saveInvoices('create', [], 'k2').catch(() => undefined);
    expect(marks.takenBack()).to.deep.equal(['b']);
  });

  it('when the marked call is still going as the attempt ends, then the mark stays', () => {
    const marks = writeMarks();
    const gateway = marks.watch({ saveInvoices: () => new Promise(() => undefined) } as unknown as OrganisationGateway);
    marks.marked(['a']);
    void gateway.saveInvoices('create', [], 'k');
    expect(marks.takenBack()).to.deep.equal([]);
  });
});

import { expect } from 'chai';
import { xeroErrorFrom, XeroTenantDisconnectedError } from '../../../src/xero/xero-errors.js';

const rejection = (statusCode: number, body: unknown, headers: Record<string, string> = {}) =>
  JSON.stringify({ response: { statusCode, body, headers }, body });

describe('Xero errors from SDK rejections', () => {
  it("when Xero sends a 400 ValidationException, then the user sees Xero's own messages", () => {
    const body = {
      ErrorNumber: 10,
      Type: 'ValidationException',
      Message: 'A validation exception occurred',
      Elements: [
        {
          Name: 'Acme',
          ValidationErrors: [
            { Message: 'The contact name Acme is already assigned to another contact. The contact name must be unique across all active contacts.' },
          ],
        },
      ],
    };
    const error = xeroErrorFrom(rejection(400, body), 'createContacts');
    expect(error.code).to.equal('xero_validation');
    expect(error.validationMessages).to.deep.equal([
      'The contact name Acme is already assigned to another contact. The contact name must be unique across all active contacts.',
    ]);
    expect(error.message).to.contain('already assigned to another contact');
    expect(error.raw).to.deep.equal(body);
  });

  it('when Xero answers 403, then the error says the organisation was disconnected', () => {
    const error = xeroErrorFrom(rejection(403, { Title: 'Forbidden', Detail: 'AuthenticationUnsuccessful' }), 'getOrganisations');
    expect(error).to.be.instanceOf(XeroTenantDisconnectedError);
    expect(error.xeroStatus).to.equal(403);
  });

  it('when Xero answers 429, then the error is a rate limit with the headers kept', () => {
    const error = xeroErrorFrom(rejection(429, '', { 'retry-after': '7' }), 'getContacts');
    expect(error.code).to.equal('xero_rate_limited');
    expect(error.raw).to.deep.equal({ headers: { 'retry-after': '7' } });
  });

  it("when the rejection is not Xero's JSON string, then it is an unreachable error that keeps the cause", () => {
    const cause = new Error('ECONNRESET');
    const error = xeroErrorFrom(cause, 'getContacts');
    expect(error.code).to.equal('xero_unreachable');
    expect(error.cause).to.equal(cause);
  });
});

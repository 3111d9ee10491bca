import { expect } from 'chai';
import nock from 'nock';
import { xeroConnectionsApi } from '../../../src/xero/xero-connections-api.js';
import { XeroApiError } from '../../../src/xero/xero-errors.js';
import { expectValidXeroIdentity } from '../../helpers/xero-openapi.js';

const XERO = 'https://api.xero.com';
const connectionsUrl = `${XERO}/connections`;

// A connection as Xero's identity spec describes it (validated below, so the scripted reply is honest).
const connection = {
  id: 'e1eede29-f875-4a5d-8470-17f6a29a88b1',
  authEventId: 'd99ecdfe-391d-43d2-b834-17636ba90e8d',
  tenantId: '70784a63-d24b-46a9-a4db-0e70a274b056',
  tenantType: 'ORGANISATION',
  tenantName: 'Maple Florists Ltd',
  createdDateUtc: '2019-07-09T23:40:30.1833130',
  updatedDateUtc: '2020-05-15T01:35:13.8491980',
};

async function rejection(promise: Promise<unknown>): Promise<XeroApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof XeroApiError) return error;
    throw error;
  }
  throw new Error('expected a XeroApiError');
}

describe("Xero's connections API client (nock)", () => {
  it('when the connections of an auth event are listed, then it sends the bearer token and the event id and parses what Xero returns', async () => {
    expectValidXeroIdentity('Connection', connection);
    const scope = nock(XERO, { reqheaders: { authorization: 'Bearer access-1', accept: 'application/json' } })
      .get('/connections')
      .query({ authEventId: connection.authEventId })
      .reply(200, [connection]);
    const list = await xeroConnectionsApi(connectionsUrl).list('access-1', connection.authEventId);
    expect(list).to.deep.equal([connection]);
    expect(scope.isDone()).to.equal(true);
  });

  it('when Xero answers 401 to the list, then it is a typed error that names the action and keeps the raw body for the log', async () => {
    nock(XERO).get('/connections').reply(401, { Title: 'Unauthorized', Status: 401, Detail: 'TokenExpired' });
    const error = await rejection(xeroConnectionsApi(connectionsUrl).list('stale'));
    expect([error.code, error.status, error.xeroStatus, error.message]).to.deep.equal([
      'xero_failed',
      502,
      401,
      'Xero refused to list the connected organisations (HTTP 401).',
    ]);
    expect(error.raw).to.equal('{"Title":"Unauthorized","Status":401,"Detail":"TokenExpired"}');
  });

  it('when a connection is removed, then it sends DELETE /connections/{id} with the bearer token', async () => {
    const scope = nock(XERO, { reqheaders: { authorization: 'Bearer access-1' } })
      .delete(`/connections/${connection.id}`)
      .reply(204);
    await xeroConnectionsApi(connectionsUrl).remove('access-1', connection.id);
    expect(scope.isDone()).to.equal(true);
  });

  it('when the connection is already gone (404), then removing it counts as done; 403 is a forbidden error', async () => {
    nock(XERO).delete(`/connections/${connection.id}`).reply(404);
    await xeroConnectionsApi(connectionsUrl).remove('access-1', connection.id);
    nock(XERO).delete(`/connections/${connection.id}`).reply(403, 'Forbidden');
    const error = await rejection(xeroConnectionsApi(connectionsUrl).remove('access-1', connection.id));
    expect([error.code, error.message, error.raw]).to.deep.equal(['xero_forbidden', 'Xero refused to disconnect the organisation (HTTP 403).', 'Forbidden']);
  });

  it('when the connection to Xero fails, then it is the "could not be reached" error with the cause kept', async () => {
    nock(XERO).get('/connections').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const error = await rejection(xeroConnectionsApi(connectionsUrl).list('access-1'));
    expect([error.code, error.status, error.message]).to.deep.equal(['xero_unreachable', 502, 'Xero could not be reached. Please try again shortly.']);
    expect(error.cause).to.deep.include({ code: 'ECONNRESET' });
  });
});

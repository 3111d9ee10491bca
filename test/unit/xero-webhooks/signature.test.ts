import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import { signXeroWebhook, verifyXeroSignature } from '../../../src/xero-webhooks/index.js';

describe('xero webhooks: signature', () => {
  const body = Buffer.from('{"events":[],"firstEventSequence":0,"lastEventSequence":0,"entropy":"ABC"}');

  it('when the header is base64 HMAC-SHA256 of the raw body with the key, then it is accepted', () => {
    const header = createHmac('sha256', 'k3y').update(body).digest('base64');
    expect(signXeroWebhook('k3y', body)).to.equal(header);
    expect(verifyXeroSignature('k3y', body, header)).to.equal(true);
  });

  it('when the header is missing, of another length, from another key or for another body, then it is refused', () => {
    const header = signXeroWebhook('k3y', body);
    expect(verifyXeroSignature('k3y', body, undefined)).to.equal(false);
    expect(verifyXeroSignature('k3y', body, header.slice(1))).to.equal(false);
    expect(verifyXeroSignature('other', body, header)).to.equal(false);
    expect(verifyXeroSignature('k3y', Buffer.concat([body, Buffer.from(' ')]), header)).to.equal(false);
  });
});

import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { TokenCrypto } from '../../../src/xero/token-crypto.js';

describe('token encryption at rest', () => {
  const crypto = new TokenCrypto(randomBytes(32));

  it('when a token set is sealed, then it opens to the same text and shows none of it', () => {
    const secret = JSON.stringify({ refresh_token: 'rt_abcdef123456', access_token: 'eyJhbGciOi.payload.sig' });
    const sealed = crypto.encrypt(secret);
    expect(sealed).to.match(/^v1\./);
    expect(sealed).not.to.contain('rt_abcdef123456');
    expect(crypto.decrypt(sealed)).to.equal(secret);
  });

  it('when the same text is sealed twice, then the ciphertexts differ (fresh IV)', () => {
    expect(crypto.encrypt('same')).not.to.equal(crypto.encrypt('same'));
  });

  it('when a sealed value is tampered with or opened with another key, then it is refused', () => {
    const sealed = crypto.encrypt('secret');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = (body[0]! + 1) % 256;
    parts[3] = body.toString('base64url');
    expect(() => crypto.decrypt(parts.join('.'))).to.throw();
    expect(() => new TokenCrypto(randomBytes(32)).decrypt(sealed)).to.throw();
  });
});

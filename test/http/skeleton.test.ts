import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { describeEachDialect } from '../helpers/test-db.js';
import { testApp } from '../helpers/test-app.js';
import { errorHandler } from '../../src/http/error-handlers.js';
import { createLogger } from '../../src/common/logger.js';
import { expectCsrfRefused } from '../helpers/refusals.js';

function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token in page');
  return match[1];
}

describeEachDialect('the walking skeleton over HTTP', (ctx) => {
  it('when a visitor opens the home page, then it is the sign-in page with a Sign in with Xero button', async () => {
    const res = await request(testApp(ctx.current().db)).get('/');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('Sign in with Xero');
    expect(res.text).to.match(/<form method="post" action="\/auth\/xero">/);
    expect(res.text).to.match(/name="_csrf" value="[^"]{20,}"/);
  });

  it('when /healthz is asked, then it answers 200 after checking the database, and 503 when the database is gone', async () => {
    const { db } = ctx.current();
    const app = testApp(db);
    const ok = await request(app).get('/healthz');
    expect(ok.status).to.equal(200);
    expect(ok.body).to.deep.equal({ status: 'ok', database: 'ok' });
    await db.destroy();
    const down = await request(app).get('/healthz');
    expect(down.status).to.equal(503);
  });

  it('when any page is served, then a strict Content-Security-Policy forbids inline script', async () => {
    const res = await request(testApp(ctx.current().db)).get('/');
    const csp = res.headers['content-security-policy'];
    expect(csp).to.be.a('string');
    expect(csp).to.contain("script-src 'self'");
    expect(csp).not.to.contain('unsafe-inline');
    expect(csp).to.contain("frame-ancestors 'none'");
    expect(res.text).not.to.match(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('when a page does not exist, then the 404 page is shown', async () => {
    const res = await request(testApp(ctx.current().db)).get('/no/such/page');
    expect(res.status).to.equal(404);
    expect(res.text).to.contain('Page not found');
  });

  it('when a form is posted without its CSRF token, then it is refused with 403 and the session is unchanged', async () => {
    const { db } = ctx.current();
    const agent = request.agent(testApp(db));
    const home = await agent.get('/');
    const token = csrfFrom(home.text);
    const before = await db('sessions').select('sid', 'sess');
    expect(before).to.have.length(1);

    expectCsrfRefused(await agent.post('/sign-out').type('form').send({}), 'no token');
    expectCsrfRefused(await agent.post('/sign-out').type('form').send({ _csrf: 'forged-token' }), 'forged token');
    const after = await db('sessions').select('sid', 'sess');
    expect(after).to.deep.equal(before);

    const real = await agent.post('/sign-out').type('form').send({ _csrf: token });
    expect(real.status).to.equal(303);
  });
});

describe('error page', () => {
  it('when a route throws, then the page shows a plain message and no stack trace or internals', async () => {
    const app = express();
    app.set('views', new URL('../../views', import.meta.url).pathname);
    app.set('view engine', 'ejs');
    app.get('/boom', () => {
      throw new Error('select * from secret_table where token = "tok_123"');
    });
    app.use(errorHandler(createLogger('silent')));
    const res = await request(app).get('/boom').set('Accept', 'text/html');
    expect(res.status).to.equal(500);
    expect(res.text).to.contain('Something went wrong');
    expect(res.text).not.to.contain('secret_table');
    expect(res.text).not.to.contain('tok_123');
    expect(res.text).not.to.match(/at .*\.ts:\d+/);
  });
});

import { expect } from 'chai';
import request from 'supertest';
import { describeEachDialect } from '../helpers/test-db.js';
import { testApp } from '../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../helpers/signed-in.js';

describeEachDialect('request context', (ctx) => {
  it('when a visitor opens an organisation page without signing in, then they are sent to the sign-in page', async () => {
    const res = await request(testApp(ctx.current().db)).get('/dashboard');
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/');
  });

  it('when a member opens the dashboard, then it shows their current organisation and the main navigation', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Acme Plumbing');
    const { agent } = await signedInAgent(testApp(db), db, [org]);
    const res = await agent.get('/dashboard');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('Acme Plumbing');
    // A navigation link may carry an icon and wraps its words in a span (views/partials/nav.ejs).
    for (const label of ['Contacts', 'Products', 'Quotes', 'Sales orders', 'Projects']) expect(res.text).to.contain(`<span>${label}</span></a>`);
  });

  it('when the session names an organisation the user is not a member of, then another of theirs is used instead', async () => {
    const { db } = ctx.current();
    const mine = await createTestOrganisation(db, 'Mine Ltd');
    const theirs = await createTestOrganisation(db, 'Theirs Ltd');
    const app = testApp(db);
    const signedIn = await signedInAgent(app, db, [mine]);
    await db('sessions').update({
      sess: JSON.stringify({
        cookie: { originalMaxAge: 3600000, expires: new Date(Date.now() + 3600000).toISOString(), httpOnly: true, path: '/' },
        userId: signedIn.userId,
        organisationId: theirs.id,
      }),
    });
    const res = await signedIn.agent.get('/dashboard');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('Mine Ltd');
    expect(res.text).not.to.contain('Theirs Ltd');
  });
});

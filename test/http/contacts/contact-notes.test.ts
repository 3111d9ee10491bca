/**
 * A contact's notes timeline: the labelled form and empty state, a note added with its author and time,
 * newest first, ten a page, a blank note refused with its message, the audit trail's entry, and another
 * organisation's contact out of reach.
 */
import { expect } from 'chai';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { createContact } from '../../fixtures/documents.js';
import { tenantDb } from '../../../src/db/tenant-db.js';
import { contactNotesRepository } from '../../../src/contacts/contact-notes-repository.js';

const timeline = (html: string): string => {
  const start = html.indexOf('id="notes"');
  expect(start, 'the notes timeline').to.be.greaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
};

describeEachDialect('contact notes timeline', (ctx) => {
  it('when a contact has no notes, then its page has the labelled form and says there are none yet', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const contactId = await createContact(db, org.id, 'Bluebird Cafe');
    const { agent } = await signedInAgent(testApp(db), db, [org]);
    const section = timeline((await agent.get(`/contacts/${contactId}`)).text);
    expect(section).to.contain('<label for="f-note">New note</label>').and.contain('<textarea id="f-note" name="note"');
    expect(section).to.contain('Add note</button>').and.contain('No notes yet.');
  });

  it('when two notes are added, then both show newest first with the author and time, and the audit trail says a note was added', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const contactId = await createContact(db, org.id, 'Bluebird Cafe');
    const signedIn = await signedInAgent(testApp(db), db, [org], { firstName: 'Robin', lastName: 'Reyes' });
    for (const note of ['Called about the fit-out.', '  Agreed a site visit on Friday.\nBring samples.  ']) {
      const res = await signedIn.agent
        .post(`/contacts/${contactId}/notes`)
        .type('form')
        .send({ _csrf: await signedIn.csrf(), note });
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal(`/contacts/${contactId}#notes`);
    }
    const section = timeline((await signedIn.agent.get(`/contacts/${contactId}`)).text);
    expect(section).to.contain('<span class="count-badge">2<');
    const newest = section.indexOf('Agreed a site visit on Friday.\nBring samples.</p>');
    const older = section.indexOf('Called about the fit-out.');
    expect(newest).to.be.greaterThan(-1);
    expect(older).to.be.greaterThan(newest);
    expect(section).to.match(
      /<strong>Robin Reyes<\/strong> <time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z">\d{1,2} [A-Z][a-z]{2} \d{4}, \d{1,2}:\d\d [ap]m UTC<\/time>/,
    );
    const rows = await db('contact_notes').where({ organisation_id: org.id, contact_id: contactId }).select('author_name', 'author_id');
    expect(rows.map((r: { author_name: string }) => r.author_name)).to.deep.equal(['Robin Reyes', 'Robin Reyes']);
    expect(rows.every((r: { author_id: string }) => r.author_id === signedIn.userId)).to.equal(true);
    const audit = await db('audit_entries').where({ organisation_id: org.id, record_id: contactId }).select('action');
    expect(audit.map((a: { action: string }) => a.action)).to.deep.equal(['added a note', 'added a note']);
  });

  it('when a blank note is sent, then the page comes back 422 with the message next to the field and nothing is stored', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const contactId = await createContact(db, org.id, 'Bluebird Cafe');
    const signedIn = await signedInAgent(testApp(db), db, [org]);
    const res = await signedIn.agent
      .post(`/contacts/${contactId}/notes`)
      .type('form')
      .send({ _csrf: await signedIn.csrf(), note: '   ' });
    expect(res.status).to.equal(422);
    const section = timeline(res.text);
    expect(section).to.contain('data-error-summary').and.contain('<a href="#f-note">Enter the note.</a>');
    expect(section).to.contain('aria-invalid="true"').and.contain('<p class="field-error" id="f-note-error">Enter the note.</p>');
    expect(await contactNotesRepository(tenantDb(db, org.id)).page(contactId, 1, 10)).to.deep.equal({ notes: [], total: 0 });
  });

  it('when a contact has twelve notes, then the page shows the newest ten and Older notes shows the other two', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db);
    const contactId = await createContact(db, org.id, 'Bluebird Cafe');
    const notes = contactNotesRepository(tenantDb(db, org.id));
    for (let i = 1; i <= 12; i++) {
      await notes.add({ contactId, body: `Note number ${i}.`, authorId: null, authorName: 'Sam' }, new Date(Date.UTC(2026, 10, i, 9)));
    }
    const { agent } = await signedInAgent(testApp(db), db, [org]);
    const first = timeline((await agent.get(`/contacts/${contactId}`)).text);
    expect((first.match(/Note number \d+\./g) ?? []).join(' ')).to.equal(
      ['12', '11', '10', '9', '8', '7', '6', '5', '4', '3'].map((n) => `Note number ${n}.`).join(' '),
    );
    expect(first).to.contain(`<a href="/contacts/${contactId}?notes=2#notes" rel="next">Older notes</a>`).and.contain('Notes 1–10 of 12');
    expect(first).to.contain('12 Nov 2026, 9:00 am UTC');
    const second = timeline((await agent.get(`/contacts/${contactId}?notes=2`)).text);
    expect((second.match(/Note number \d+\./g) ?? []).join(' ')).to.equal('Note number 2. Note number 1.');
    expect(second)
      .to.contain(`<a href="/contacts/${contactId}#notes" rel="prev">Newer notes</a>`)
      .and.contain('Notes 11–12 of 12')
      .and.not.contain('Older notes');
  });

  it('when another organisation’s member posts a note to this contact, then it is a 404 and neither sees the other’s notes', async () => {
    const { db } = ctx.current();
    const mine = await createTestOrganisation(db);
    const theirs = await createTestOrganisation(db);
    const contactId = await createContact(db, mine.id, 'Bluebird Cafe');
    await contactNotesRepository(tenantDb(db, mine.id)).add({ contactId, body: 'Private to us.', authorId: null, authorName: 'Sam' }, new Date());
    const other = await signedInAgent(testApp(db), db, [theirs]);
    const res = await other.agent
      .post(`/contacts/${contactId}/notes`)
      .type('form')
      .send({ _csrf: await other.csrf(), note: 'Sneaky.' });
    expect(res.status).to.equal(404);
    expect((await other.agent.get(`/contacts/${contactId}`)).status).to.equal(404);
    expect(await contactNotesRepository(tenantDb(db, theirs.id)).page(contactId, 1, 10)).to.deep.equal({ notes: [], total: 0 });
    const stored = await db('contact_notes').select('body');
    expect(stored.map((r: { body: string }) => r.body))
      .to.include('Private to us.')
      .and.not.include('Sneaky.');
  });
});

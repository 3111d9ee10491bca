/**
 * A contract's files through the app: uploads checked by content and size (a refused one stores
 * nothing and says why), download with Cache-Control: no-store, delete after a confirmation, and
 * "Generate contract" writing a versioned PDF whose text names both parties and the services.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { countRows, createContact, documentBody, gstLine, seedSalesSettings } from '../../fixtures/documents.js';
import type { Database } from '../../../src/db/database.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
// The first bytes of a PNG and of a GIF: what file-type reads.
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), Buffer.alloc(64, 1)]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64, 0)]);

const hasPdfToText = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** The PDF's text as poppler's pdftotext reads it. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'contract-pdf-'));
  try {
    const file = path.join(dir, 'contract.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function setup(db: Database) {
  const org = await createTestOrganisation(db, 'Acme Plumbing');
  // The organisation's own address and tax number, as sign-in reads them from Xero.
  await db('organisations')
    .where({ id: org.id })
    .update({ address_lines: JSON.stringify(['5 Pipe Lane', 'Petone 5012', 'New Zealand']), tax_number: '98-765-432' });
  await seedSalesSettings(db, org.id);
  const contactId = await createContact(db, org.id, 'Bluebird Cafe', {
    tax_number: '12-345-678',
    street_line1: '12 Harbour Street',
    street_city: 'Wellington',
    street_postal_code: '6011',
  });
  const signedIn = await signedInAgent(testApp(db), db, [org]);
  const csrf = await signedIn.csrf();
  const { agent } = signedIn;
  const res = await agent
    .post('/contracts/new')
    .type('form')
    .send(
      documentBody(
        {
          _csrf: csrf,
          contactId,
          number: '',
          title: 'Website care',
          salesOrderId: '',
          projectId: '',
          issueDate: '2026-01-01',
          termMonths: '12',
          billingFrequency: 'monthly',
          firstInvoiceDate: '2026-01-01',
          paymentTermsDays: '14',
          paymentTermsType: 'DAYSAFTERBILLDATE',
          autoRenew: 'on',
          noticeDays: '30',
          currency: 'AUD',
          lineAmountTypes: 'Exclusive',
          reference: '',
          notes: '',
        },
        [
          gstLine({ description: 'Hosting and backups', quantity: '1', unitPrice: '300' }),
          gstLine({ description: 'Security updates', quantity: '2', unitPrice: '75' }),
        ],
      ),
    );
  expect(res.status, res.text.slice(0, 400)).to.equal(303);
  const contractId = String(res.headers.location).split('/').pop() ?? '';
  const upload = (name: string, bytes: Buffer) => agent.post(`/contracts/${contractId}/files`).field('_csrf', csrf).attach('file', bytes, name);
  return { org, agent, csrf, contractId, upload };
}

describeEachDialect('contract files (HTTP)', (ctx) => {
  it('when a PDF and a text file are uploaded, then they are listed and download byte for byte with no-store', async () => {
    const { db } = ctx.current();
    const { agent, contractId, upload } = await setup(db);
    const res = await upload('Signed copy.pdf', PDF);
    expect(res.status).to.equal(303);
    expect((await upload('notes.txt', Buffer.from('Call before visiting — ngā mihi\n'))).status).to.equal(303);
    const page = await agent.get(`/contracts/${contractId}`);
    expect(page.text).to.contain('“notes.txt” added.');
    const link = /<a href="(\/contracts\/[^"]+\/files\/[0-9a-f-]{36})">Signed copy\.pdf<\/a>/.exec(page.text);
    expect(link, 'download link').to.not.equal(null);
    const download = await agent
      .get(link?.[1] ?? '')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(download.status).to.equal(200);
    expect(download.headers['cache-control']).to.equal('no-store');
    expect(download.headers['content-type']).to.equal('application/pdf');
    expect(download.headers['content-disposition']).to.contain('attachment; filename="Signed copy.pdf"');
    expect(Buffer.compare(download.body as Buffer, PDF)).to.equal(0);
  });

  it('when a file is over 10 MB, of a forbidden type or named as another type, then it is refused with the reason and nothing is stored', async () => {
    const { db } = ctx.current();
    const { org, agent, contractId, upload } = await setup(db);
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    expect((await upload('huge.pdf', big)).status).to.equal(303);
    expect((await agent.get(`/contracts/${contractId}`)).text).to.contain('The file was not added: it is larger than 10 MB.');
    await upload('animation.gif', GIF);
    expect((await agent.get(`/contracts/${contractId}`)).text).to.contain('“animation.gif” was not added: its content is a .gif file (image/gif)');
    await upload('invoice.pdf', PNG);
    expect((await agent.get(`/contracts/${contractId}`)).text).to.contain(
      '“invoice.pdf” was not added: its name ends in “.pdf” but its content is a PNG image (.png)',
    );
    await upload('data.txt', Buffer.from([0x41, 0x00, 0xff, 0xfe]));
    expect((await agent.get(`/contracts/${contractId}`)).text).to.contain('“data.txt” was not added: it is not plain text (UTF-8)');
    expect(await countRows(db, 'contract_files', org.id)).to.equal(0);
  });

  it('when a file is deleted, then a confirmation page comes first and the file is gone after it', async () => {
    const { db } = ctx.current();
    const { org, agent, csrf, contractId, upload } = await setup(db);
    await upload('photo.png', PNG);
    const page = await agent.get(`/contracts/${contractId}`);
    const href = /href="(\/contracts\/[^"]+\/files\/[0-9a-f-]{36}\/delete)"/.exec(page.text)?.[1] ?? '';
    const confirm = await agent.get(href);
    expect(confirm.status).to.equal(200);
    expect(confirm.text).to.contain('Delete photo.png?').and.to.contain('Keep it');
    expect(await countRows(db, 'contract_files', org.id)).to.equal(1);
    const res = await agent.post(href).type('form').send({ _csrf: csrf });
    expect(res.status).to.equal(303);
    expect(await countRows(db, 'contract_files', org.id)).to.equal(0);
  });

  it('when "Generate contract" is pressed twice, then two versions are kept and the PDF names both parties, the services and the terms', async function () {
    const { db } = ctx.current();
    const { org, agent, csrf, contractId } = await setup(db);
    for (let i = 0; i < 2; i += 1) expect((await agent.post(`/contracts/${contractId}/generate`).type('form').send({ _csrf: csrf })).status).to.equal(303);
    const rows: { file_name: string; version: number; content: Buffer }[] = await db('contract_files')
      .where({ organisation_id: org.id })
      .orderBy('version')
      .select('file_name', 'version', 'content');
    expect(rows.map((r) => [r.file_name, Number(r.version)])).to.deep.equal([
      ['CT-0001 contract v1.pdf', 1],
      ['CT-0001 contract v2.pdf', 2],
    ]);
    const page = await agent.get(`/contracts/${contractId}`);
    expect(page.text).to.contain('Contract document, version 2');
    const pdf = Buffer.from(rows[0]?.content ?? []);
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    if (!hasPdfToText) this.skip(); // poppler-utils (pdftotext) reads the text
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const expected of [
      'Services agreement',
      'Acme Plumbing',
      'Bluebird Cafe',
      '12 Harbour Street',
      'Tax number: 12-345-678',
      '5 Pipe Lane',
      'Petone 5012',
      'Tax number: 98-765-432',
      'Hosting and backups',
      'Security updates',
      'Monthly',
      '12 months, ending 31 Dec 2026',
      'Renews automatically on 1 Jan 2027',
      "30 days' written notice",
      'AUD 450.00',
      'AUD 5,400.00 before tax (12 invoices)',
      'Signature',
    ])
      expect(text, expected).to.contain(expected);
  });
});

/**
 * The sync log's pages on a long log: the pager's figures and links at the edges of a page and of the
 * count (the whole log's size is kept by the database; a filtered log is counted at most LOG_COUNT_AHEAD
 * entries past a page's start, then says "more than"),
 * and every entry on the page with its Xero messages and its buttons.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import type { Database } from '../../../src/db/database.js';
import { LOG_COUNT_AHEAD } from '../../../src/xero-sync/operations-repository.js';

/** `count` sends, the newest first numbered 1 (label "Contact 1"); every fifth failed with Xero's words. */
async function seedLog(db: Database, organisationId: string, count: number): Promise<void> {
  const start = Date.parse('2026-11-01T00:00:00Z');
  const rows = Array.from({ length: count }, (_, i) => {
    const n = count - i;
    const failed = n % 5 === 0;
    const at = new Date(start + i * 1000).toISOString();
    return {
      organisation_id: organisationId,
      id: randomUUID(),
      record_kind: 'contact',
      record_id: randomUUID(),
      record_label: `Contact ${n}`,
      action: 'send',
      status: failed ? 'failed' : 'done',
      idempotency_key: randomUUID(),
      attempts: 1,
      requested_by_name: 'Alice Accountant',
      outcome: failed ? null : 'created',
      result_message: failed ? 'Xero refused it.' : 'Sent to Xero.',
      xero_messages: failed ? JSON.stringify([`The contact name Contact ${n} is already assigned to another contact.`]) : null,
      advice: failed ? 'Rename it.' : null,
      create_new: false,
      created_at: at,
      updated_at: at,
      finished_at: at,
    };
  });
  for (let i = 0; i < rows.length; i += 100) await db('xero_sync_operations').insert(rows.slice(i, i + 100));
}

const labels = (html: string): string[] => [...html.matchAll(/<a href="\/contacts\/[^"]+">(Contact \d+)<\/a>/g)].map((m) => m[1] ?? '');
const shownRange = (html: string): string => /Showing ([^<]*)<\/span>/.exec(html)?.[1] ?? '';
const pageLinks = (html: string): string[] =>
  [...html.matchAll(/<nav class="pagination"[^]*?<\/nav>/g)].flatMap((nav) =>
    [...nav[0].matchAll(/>(Page \d+|\d+|Previous page|Next page)</g)].map((m) => m[1] ?? ''),
  );

describeEachDialect('sync log pages (HTTP)', (ctx) => {
  async function signedInWithLog(count: number) {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Acme Plumbing');
    await seedLog(db, org.id, count);
    const { agent } = await signedInAgent(testApp(db), db, [org]);
    return agent;
  }

  it('when the log has 25, 26 or 50 entries, then the pager counts them exactly and links every page', async () => {
    for (const [count, range, links] of [
      [25, '1–25 of 25', []],
      [26, '1–25 of 26', ['1', 'Page 2', 'Next page']],
      [50, '1–25 of 50', ['1', 'Page 2', 'Next page']],
    ] as const) {
      const agent = await signedInWithLog(count);
      const page = (await agent.get('/sync-log')).text;
      expect(shownRange(page), `${count}`).to.equal(range);
      expect(pageLinks(page), `${count}`).to.deep.equal(links);
      expect(labels(page)[0]).to.equal('Contact 1');
      if (count > 25) {
        const last = (await agent.get('/sync-log?page=2')).text;
        expect(shownRange(last)).to.equal(`26–${count} of ${count}`);
        expect(labels(last)).to.deep.equal(Array.from({ length: count - 25 }, (_, i) => `Contact ${26 + i}`));
      }
    }
  });

  it('when the log is longer than a filter counts ahead, then the whole log still gives its exact total and last page (its size is kept), and a filtered log says "more than"', async () => {
    const agent = await signedInWithLog(LOG_COUNT_AHEAD + 1);
    const lastPage = LOG_COUNT_AHEAD / 25 + 1;
    const first = (await agent.get('/sync-log')).text;
    expect(shownRange(first)).to.equal(`1–25 of ${LOG_COUNT_AHEAD + 1}`);
    expect(pageLinks(first)).to.deep.equal(['1', 'Page 2', 'Page 3', `Page ${lastPage}`, 'Next page']);
    expect(labels(first)).to.deep.equal(Array.from({ length: 25 }, (_, i) => `Contact ${i + 1}`));
    // A page in the second half is read backwards from the end: the same entries, in the log's order.
    const deep = (await agent.get('/sync-log?page=30')).text;
    expect(shownRange(deep)).to.equal(`726–750 of ${LOG_COUNT_AHEAD + 1}`);
    expect(labels(deep)).to.deep.equal(Array.from({ length: 25 }, (_, i) => `Contact ${726 + i}`));
    const last = (await agent.get(`/sync-log?page=${lastPage}`)).text;
    expect(shownRange(last)).to.equal(`${LOG_COUNT_AHEAD + 1}–${LOG_COUNT_AHEAD + 1} of ${LOG_COUNT_AHEAD + 1}`);
    expect(labels(last)).to.deep.equal([`Contact ${LOG_COUNT_AHEAD + 1}`]);
    expect(pageLinks(last)).to.include('Previous page').and.not.to.include('Next page');
    expect(labels((await agent.get(`/sync-log?page=${lastPage + 1}`)).text)).to.deep.equal([]);

    // Filtered (every entry is a contact's), the log is counted up to LOG_COUNT_AHEAD past the page's start.
    const filtered = (await agent.get('/sync-log?kind=contact')).text;
    expect(shownRange(filtered)).to.equal(`1–25 of more than ${LOG_COUNT_AHEAD}`);
    expect(pageLinks(filtered)).to.deep.equal(['1', 'Page 2', 'Page 3', 'Next page']);
    expect(labels(filtered)).to.deep.equal(labels(first));
    // Further on the count goes further: the filtered last page is exact again.
    const filteredLast = (await agent.get(`/sync-log?kind=contact&page=${lastPage}`)).text;
    expect(shownRange(filteredLast)).to.equal(`${LOG_COUNT_AHEAD + 1}–${LOG_COUNT_AHEAD + 1} of ${LOG_COUNT_AHEAD + 1}`);
    expect(labels(filteredLast)).to.deep.equal([`Contact ${LOG_COUNT_AHEAD + 1}`]);
  });

  it('when a filtered log has exactly as many entries as it counts, then page 1 gives the exact total and the last page', async () => {
    const agent = await signedInWithLog(LOG_COUNT_AHEAD);
    const exact = (await agent.get('/sync-log?kind=contact')).text;
    expect(shownRange(exact)).to.equal(`1–25 of ${LOG_COUNT_AHEAD}`);
    expect(pageLinks(exact)).to.deep.equal(['1', 'Page 2', 'Page 3', `Page ${LOG_COUNT_AHEAD / 25}`, 'Next page']);
    const lastExact = (await agent.get(`/sync-log?kind=contact&page=${LOG_COUNT_AHEAD / 25}`)).text;
    expect(labels(lastExact).at(-1)).to.equal(`Contact ${LOG_COUNT_AHEAD}`);
  });

  it('when a page shows failed sends, then each has its Xero message, advice and Retry and Cancel buttons that post to its operation', async () => {
    const agent = await signedInWithLog(30);
    const page = (await agent.get('/sync-log')).text;
    expect(labels(page)).to.have.length(25);
    for (const n of [5, 10, 15, 20, 25]) {
      expect(page).to.contain(`“The contact name Contact ${n} is already assigned to another contact.”`);
    }
    expect(page.match(/Rename it\./g)).to.have.length(5);
    expect(page.match(/>Retry</g)).to.have.length(5);
    expect(page.match(/>Cancel</g)).to.have.length(5);
    const { db } = ctx.current();
    const failed = (await db('xero_sync_operations').where({ status: 'failed' }).orderBy('created_at', 'desc').select('id', 'record_label')) as Array<{
      id: string;
      record_label: string;
    }>;
    for (const op of failed.slice(0, 5)) {
      expect(page).to.contain(`action="/sync-log/${op.id}/retry"`).and.to.contain(`action="/sync-log/${op.id}/cancel"`);
      expect(page).to.contain(`Retry sending ${op.record_label}`);
    }
  });
});

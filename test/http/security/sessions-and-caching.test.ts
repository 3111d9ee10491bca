/**
 * Issue 17: anonymous pages create no session (defect 4), the return address after sign-in is a path
 * on this origin (defect 5), and every page and download is `Cache-Control: no-store`.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import request from 'supertest';
import { describeEachDialect } from '../../helpers/test-db.js';
import { testApp } from '../../helpers/test-app.js';
import { createTestOrganisation, signedInAgent } from '../../helpers/signed-in.js';
import { SESSION_COOKIE } from '../../../src/http/session.js';
import type { Database } from '../../../src/db/database.js';
import type { Express } from 'express';

/** Session rows with their data parsed (json on PostgreSQL, text on SQLite). */
async function sessionRows(db: Database): Promise<{ sid: string; sess: Record<string, unknown> }[]> {
  const rows: { sid: string; sess: unknown }[] = await db('sessions').select('sid', 'sess');
  return rows.map((r) => ({ sid: r.sid, sess: (typeof r.sess === 'string' ? JSON.parse(r.sess) : r.sess) as Record<string, unknown> }));
}

/** Sends a request line with an absolute-form target over a raw socket, as a proxy (not a browser) would. */
function absoluteFormGet(app: Express, target: string): Promise<{ status: number }> {
  const server = app.listen(0, '127.0.0.1');
  return new Promise((resolve, reject) => {
    server.on('listening', () => {
      const { port } = server.address() as AddressInfo;
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(`GET ${target} HTTP/1.1\r\nHost: ${new URL(target).host}\r\nConnection: close\r\n\r\n`);
      });
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
      socket.on('end', () => {
        server.close();
        resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0) });
      });
      socket.on('error', (error) => {
        server.close();
        reject(error);
      });
    });
  });
}

describeEachDialect('sessions, return address and caching', (ctx) => {
  it('when 10 anonymous requests ask for pages that do not exist, then no session cookie is set and no session row is written', async () => {
    const { db } = ctx.current();
    const app = testApp(db);
    for (let i = 0; i < 10; i++) {
      const res = await request(app).get(`/no-such-page-${i}`);
      expect(res.status).to.equal(404);
      expect(res.headers['set-cookie'], 'no cookie on an anonymous 404').to.equal(undefined);
    }
    expect(await sessionRows(db)).to.have.length(0);
  });

  it('when an anonymous visitor opens the sign-in page (it has a form), then one session holds its CSRF token', async () => {
    const { db } = ctx.current();
    const res = await request(testApp(db)).get('/');
    expect(res.status).to.equal(200);
    expect(String(res.headers['set-cookie'])).to.contain(`${SESSION_COOKIE}=`);
    const rows = await sessionRows(db);
    expect(rows).to.have.length(1);
    expect(rows[0]!.sess).to.have.property('csrfToken').that.is.a('string');
    expect(res.text).to.match(/name="_csrf" value="[^"]{20,}"/);
  });

  it('when a signed-out request targets an absolute URL of another origin, then only its path is kept as the return address', async () => {
    const { db } = ctx.current();
    const app = testApp(db);
    const res = await absoluteFormGet(app, 'http://evil.example/contacts?q=x');
    expect(res.status).to.equal(303);
    const rows = await sessionRows(db);
    expect(rows).to.have.length(1);
    expect(rows[0]!.sess.returnTo).to.equal('/contacts?q=x');
  });

  it('when a stored return address is not a path on this origin, then signing in ignores it (the start page takes /dashboard)', async () => {
    const { localPath, isLocalPath } = await import('../../../src/http/return-path.js');
    expect(localPath('http://evil.example/contacts')).to.equal('/contacts');
    expect(localPath('/contacts/1?x=2')).to.equal('/contacts/1?x=2');
    for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example', '/\t/evil.example', 'javascript:alert(1)']) {
      expect(isLocalPath(bad), bad).to.equal(false);
    }
    expect(localPath('http://evil.example//evil.example/x')).to.equal(undefined);
  });

  it('when a signed-in user opens pages, then every answer says Cache-Control: no-store; static assets stay cacheable', async () => {
    const { db } = ctx.current();
    const org = await createTestOrganisation(db, 'Cache Co');
    const app = testApp(db);
    const { agent } = await signedInAgent(app, db, [org]);
    for (const path of ['/dashboard', '/contacts', '/products', '/quotes', '/sales-orders', '/projects', '/organisations', '/sync-log', '/no-such-page']) {
      const res = await agent.get(path);
      expect(res.headers['cache-control'], path).to.equal('no-store');
    }
    const asset = await request(app).get('/assets/app.css');
    expect(asset.status).to.equal(200);
    expect(asset.headers['cache-control']).to.not.contain('no-store');
  });
});

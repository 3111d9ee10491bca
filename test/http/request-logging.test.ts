import { expect } from 'chai';
import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { pino } from 'pino';
import { requestLogging } from '../../src/http/request-logging.js';

describe('request logs', () => {
  it('when a request carries cookies, tokens and a query string, then its one log line has none of them', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = express();
    app.use(requestLogging(pino({ level: 'info' }, sink)));
    app.get('/contacts', (_req, res) => {
      res.send('ok');
    });
    await request(app)
      .get('/contacts?code=secret-code&state=abc')
      .set('Cookie', 'ledgerside.sid=s%3Asecret-session')
      .set('Authorization', 'Bearer secret-token');
    expect(lines).to.have.length(1);
    const entry: unknown = JSON.parse(lines[0]!);
    expect(entry).to.deep.include({ msg: 'request completed' });
    expect(entry).to.have.nested.property('req.method', 'GET');
    expect(entry).to.have.nested.property('req.url', '/contacts');
    expect(entry).to.have.nested.property('res.statusCode', 200);
    expect(entry).to.have.property('responseTime').that.is.a('number');
    for (const secret of ['secret-code', 'secret-session', 'secret-token']) expect(lines[0]).not.to.contain(secret);
  });
});

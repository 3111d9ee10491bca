import type { Request, Response } from 'express';
import { html, layout } from '../../web/html.js';
import type { Collection, StoredRecord } from '../types.js';
import { pageOf, recordId } from './page-context.js';

/** The sandbox's 404 page: the same answer whether the record is missing or another user's. */
export function notFoundPage(res: Response, signedInAs: string | undefined, message: string): void {
  res
    .status(404)
    .type('html')
    .send(
      layout({
        title: 'Page not found',
        signedInAs,
        body: html`<p>${message}</p>
          <p><a href="/identity/my-xero">Back to my organisations</a></p>`,
      }),
    );
}

/** The record of `req.params.id` in the page's organisation, or undefined after answering 404 itself. */
export async function loadRecord(req: Request, res: Response, collection: Collection, missing: string): Promise<StoredRecord | undefined> {
  const page = pageOf(res);
  const id = recordId(req);
  const found = id === undefined ? undefined : await page.store.get(collection, id);
  if (!found) notFoundPage(res, page.visitor.email, missing);
  return found;
}

import type { Response } from 'express';
import { html, layout } from '../../web/html.js';

/** The sandbox's 404 page: the same answer whether the record is missing or another user's. */
export function notFoundPage(res: Response, signedInAs: string | undefined, message: string): void {
  res.status(404).type('html').send(layout({
    title: 'Page not found',
    signedInAs,
    body: html`<p>${message}</p><p><a href="/identity/my-xero">Back to my organisations</a></p>`,
  }));
}

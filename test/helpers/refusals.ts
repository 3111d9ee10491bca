/**
 * What a refused request must look like to the user: the exact status and the exact message (a test
 * that only checks "not 200" passes for a crash too).
 */
import { expect } from 'chai';

interface Answer {
  status: number;
  text: string;
}

/** Text as the page shows it (EJS escapes quotes). */
export function asHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&#34;');
}

/** 404 with the not-found page's message for `what` ("quote", "sales order", "page", …). */
export function expectNotFound(res: Answer, what: string, label = ''): void {
  expect(res.status, `${label} status`).to.equal(404);
  expect(res.text, `${label} message`).to.contain(asHtml(`We couldn't find that ${what}.`));
}

/** 403 with the expired-form message: the CSRF check refused the post. */
export function expectCsrfRefused(res: Answer, label = ''): void {
  expect(res.status, `${label} status`).to.equal(403);
  expect(res.text, `${label} message`).to.contain('This form has expired or was not sent from Ledgerside. Go back, reload the page and try again.');
}

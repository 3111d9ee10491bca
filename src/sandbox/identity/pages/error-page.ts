import { html, layout } from '../../web/html.js';

/** Shown instead of redirecting when the redirect_uri itself cannot be trusted, or a form has gone stale. */
export function errorPage(title: string, message: string): string {
  return layout({ title, body: html`<p class="errors" role="alert">${message}</p>` });
}

import { csrfSync } from 'csrf-sync';
import type { RequestHandler } from 'express';

/**
 * Synchroniser-token CSRF protection on every state-changing request. The token lives in the session
 * and is rendered into each form as `_csrf`; a post without it is refused with 403.
 */
const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req) => {
    const body: unknown = req.body;
    if (typeof body === 'object' && body !== null && '_csrf' in body && typeof body._csrf === 'string') return body._csrf;
    const header = req.headers['x-csrf-token'];
    return typeof header === 'string' ? header : undefined;
  },
});

export const csrfProtection: RequestHandler = csrfSynchronisedProtection;

/**
 * Exposes the session's token to templates as `csrfToken`, created only when a page renders a form,
 * so anonymous requests that show no form do not create sessions (a crawler cannot fill the sessions
 * table). Express copies res.locals into the template's options, which reads every enumerable
 * property, so a getter would make a token (and a session) for every rendered page; the token is
 * instead made when the template turns the value into text (`<%= csrfToken %>` in partials/csrf.ejs).
 */
export const exposeCsrfToken: RequestHandler = (req, res, next) => {
  let token: string | undefined;
  res.locals.csrfToken = {
    toString: () => (token ??= generateToken(req)),
    toJSON: () => (token ??= generateToken(req)),
  };
  next();
};

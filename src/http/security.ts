import helmet from 'helmet';
import type { RequestHandler } from 'express';

/** Strict CSP: no inline script or style; forms may post only here and to Xero's identity origin (sign-in redirects). */
export function securityHeaders(options: { xeroIdentityOrigin: string; production: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'", options.xeroIdentityOrigin],
        ...(options.production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: options.production,
    referrerPolicy: { policy: 'same-origin' },
  });
}

/**
 * Every page and download the app makes (everything but /assets) is `Cache-Control: no-store`:
 * customer data, PDFs and exports must not stay in the browser's or a proxy's cache after sign-out.
 * Set before any route, so a new page or download is covered without remembering to.
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

import type { NextFunction, Request, Response } from 'express';

/**
 * For the sandbox's HTML pages only (not the API): no scripts at all, no framing (the consent page must
 * not be clickjacked), and no Referer leaking the authorize query.
 */
export function pageHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  next();
}

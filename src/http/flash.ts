import type { Request, RequestHandler } from 'express';
import type { FlashMessage } from './session.js';

export function flash(req: Request, kind: FlashMessage['kind'], text: string): void {
  const list = req.session.flash ?? [];
  list.push({ kind, text });
  req.session.flash = list;
}

/** Moves queued messages into res.locals for the next rendered page. */
export const consumeFlash: RequestHandler = (req, res, next) => {
  res.locals.flash = req.session?.flash ?? [];
  if (req.session?.flash) delete req.session.flash;
  next();
};

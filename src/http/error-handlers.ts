import type { ErrorRequestHandler, RequestHandler } from 'express';
import { NotFoundError, toAppError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { TooManyRequestsError } from './throttle.js';

export const notFound: RequestHandler = (_req, _res, next) => {
  next(new NotFoundError());
};

/** The one error middleware: logs the cause, shows the user a fit message, never a stack trace. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const error = toAppError(err);
    const log = { code: error.code, status: error.status, method: req.method, url: req.originalUrl, err: error.cause ?? error };
    if (error.status >= 500) logger.error(log, 'request failed');
    else logger.info({ code: error.code, status: error.status, url: req.originalUrl }, 'request refused');
    if (res.headersSent) return;
    res.status(error.status);
    if (error instanceof TooManyRequestsError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    const view = error.status === 404 ? 'errors/404' : error.status === 429 ? 'errors/429' : 'errors/error';
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ error: { code: error.code, message: error.message } });
      return;
    }
    res.render(view, {
      title: error.status === 404 ? 'Not found' : error.status === 429 ? 'Too many requests' : 'Something went wrong',
      status: error.status,
      message: error.message,
    });
  };
}

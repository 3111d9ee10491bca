/**
 * Throttling of sign-in and of every POST, per IP address and per signed-in user, with
 * rate-limiter-flexible. On PostgreSQL the counters live in the database (`request_throttles`), so
 * every app process shares them; on SQLite (one process) they are kept in memory. Over a limit the
 * request is answered 429 with Retry-After and a page that says how long to wait; nothing of it runs.
 * If the counter store fails, the request goes ahead (logged): a throttle must not take the app down.
 */
import type { RequestHandler, Request } from 'express';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { isPostgres, type Database } from '../db/database.js';
import type { Logger } from '../common/logger.js';
import { AppError } from '../common/errors.js';
import type { ThrottleConfig } from './throttle-config.js';

export class TooManyRequestsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'too_many_requests',
      429,
      `Too many requests in a short time. Please wait ${waitText(retryAfterSeconds)} and try again; this request was not carried out.`,
    );
  }
}

function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

export interface ThrottleOptions {
  db: Database;
  config: ThrottleConfig;
  logger: Logger;
  /** Method and path of each sign-in step (e.g. 'POST /auth/xero'), counted per IP on top of the POST limits. */
  signInRoutes: readonly string[];
}

export function throttle(options: ThrottleOptions): RequestHandler {
  const { config, db, logger } = options;
  if (!config.enabled) return (_req, _res, next) => next();
  const pg = isPostgres(db);
  const duration = config.windowSeconds;
  const make = (keyPrefix: string, points: number): RateLimiterAbstract =>
    pg
      ? new RateLimiterPostgres({
          storeClient: db,
          storeType: 'knex',
          tableName: 'request_throttles',
          tableCreated: true,
          clearExpiredByTimeout: true,
          keyPrefix,
          points,
          duration,
        })
      : new RateLimiterMemory({ keyPrefix, points, duration });
  const signInPerIp = make('sign-in-ip', config.signInPerIp);
  const postsPerUser = make('post-user', config.postsPerUser);
  const postsPerIp = make('post-ip', config.postsPerIp);
  const signInRoutes = new Set(options.signInRoutes);

  /** Takes a point; a refusal ends the request with 429, a failing store lets it through. */
  async function take(limiter: RateLimiterAbstract, key: string): Promise<void> {
    try {
      await limiter.consume(key, 1);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw new TooManyRequestsError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      logger.error({ err: rejection, limiter: limiter.keyPrefix }, 'request throttle store failed; request let through');
    }
  }

  const ipOf = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

  return async (req, _res, next) => {
    const ip = ipOf(req);
    if (signInRoutes.has(`${req.method} ${req.path}`)) await take(signInPerIp, ip);
    if (req.method === 'POST') {
      // The user's own limit first: a user past it is refused without spending the address's points,
      // so colleagues behind the same address are not affected.
      const userId = req.session?.userId;
      if (typeof userId === 'string') await take(postsPerUser, userId);
      await take(postsPerIp, ip);
    }
    next();
  };
}

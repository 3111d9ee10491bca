import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/**
 * One structured line per sandbox request: method, path (never the query: it can carry codes and
 * states), status, tenant. Headers are not logged at all, so tokens and cookies cannot leak.
 */
export function sandboxRequestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: () => randomUUID(),
    customProps: (req) => {
      const tenant = req.headers['xero-tenant-id'];
      return { sandbox: true, tenantId: typeof tenant === 'string' ? tenant : undefined };
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

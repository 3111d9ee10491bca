import { Router } from 'express';
import { checkDatabase, type Database } from '../db/database.js';

/** GET /healthz: 200 when the database answers, 503 otherwise. No session, no body parsing. */
export function healthRoutes(deps: { db: Database }): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    try {
      await checkDatabase(deps.db);
      res.set('Cache-Control', 'no-store').json({ status: 'ok', database: 'ok' });
    } catch {
      res.status(503).set('Cache-Control', 'no-store').json({ status: 'unavailable', database: 'unreachable' });
    }
  });
  return router;
}

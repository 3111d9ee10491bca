import { Router } from 'express';
import { requestContext, requireOrganisation } from '../tenants/request-context.js';

/** The organisation's start page. */
export function dashboardRoutes(): Router {
  const router = Router();
  router.get('/dashboard', requireOrganisation, (_req, res) => {
    const { organisation } = requestContext(res);
    res.render('dashboard/dashboard', { title: `Dashboard · ${organisation.name}` });
  });
  return router;
}

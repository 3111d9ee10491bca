import { Router } from 'express';
import { requestContext, requireOrganisation } from '../tenants/request-context.js';
import { dashboardData } from './dashboard-service.js';
import { dashboardView } from './dashboard-view-model.js';

/** The organisation's start page: open work, recent activity and, for a new organisation, first steps. */
export function dashboardRoutes(): Router {
  const router = Router();
  router.get('/dashboard', requireOrganisation, async (_req, res) => {
    const { organisation, tdb } = requestContext(res);
    res.render('dashboard/dashboard', { title: `Dashboard · ${organisation.name}`, dashboard: dashboardView(await dashboardData(tdb)) });
  });
  return router;
}

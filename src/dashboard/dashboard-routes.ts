import { Router } from 'express';
import { requestContext } from '../http/request-context.js';
import { dashboardData, FirstStepsMemory } from './dashboard-service.js';
import type { DashboardSource } from './dashboard-sources.js';
import { dashboardView } from './dashboard-view-model.js';

export interface DashboardRoutesDeps {
  /** The capabilities that report to the start page, in the order their cards show. */
  sources: readonly DashboardSource[];
}

/** The organisation's start page: open work, recent activity and, for a new organisation, first steps. */
export function dashboardRoutes({ sources }: DashboardRoutesDeps): Router {
  const router = Router();
  const memory = new FirstStepsMemory();
  router.get('/dashboard', async (_req, res) => {
    const { organisation, tdb } = requestContext(res);
    res.render('dashboard/dashboard', {
      title: `Dashboard · ${organisation.name}`,
      dashboard: dashboardView(await dashboardData(tdb, sources, memory), organisation.baseCurrency ?? 'AUD'),
    });
  });
  return router;
}

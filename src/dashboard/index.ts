/** The start page: the public surface for the app and for capabilities that report to it. */
export { dashboardRoutes, type DashboardRoutesDeps } from './dashboard-routes.js';
export type { DashboardRecent, DashboardRecentRow, DashboardSource, DashboardStat, FirstStep } from './dashboard-sources.js';

/** Projects on the start page: how many are active, and the "group the work in a project" step. */
import type { DashboardSource } from '../dashboard/index.js';

export const projectDashboard: DashboardSource = {
  stats: async (tdb) => [{ label: 'Active projects', count: await tdb.count('projects', { status: 'active' }), values: [], href: '/projects?status=active' }],
  steps: async (tdb) => ({ hasProjects: await tdb.exists('projects') }),
};

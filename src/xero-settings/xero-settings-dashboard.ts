/** Xero settings on the start page: the "bring in your Xero settings" step is done after the first refresh. */
import type { DashboardSource } from '../dashboard/index.js';

export const xeroSettingsDashboard: DashboardSource = {
  steps: async (tdb) => ({ settingsRefreshed: await tdb.exists('xero_settings_sync') }),
};

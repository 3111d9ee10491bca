/** Contacts on the start page: the "import your contacts" step is done once there are any. */
import type { DashboardSource } from '../dashboard/index.js';

export const contactDashboard: DashboardSource = {
  steps: async (tdb) => ({ hasContacts: await tdb.exists('contacts') }),
};

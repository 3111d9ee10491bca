import { expect } from 'chai';
import { dashboardView } from '../../../src/dashboard/dashboard-view-model.js';
import type { DashboardData } from '../../../src/dashboard/dashboard-service.js';

const data = (steps: Partial<DashboardData['steps']> = {}): DashboardData => ({
  openQuotes: { count: 3, values: [{ currency: 'AUD', total: 123450 }, { currency: 'NZD', total: 100 }] },
  openSalesOrders: { count: 0, values: [] },
  activeProjects: 1,
  latestQuotes: [],
  latestSalesOrders: [],
  steps: { settingsRefreshed: false, hasContacts: false, hasQuotes: false, hasSalesOrders: false, hasProjects: false, ...steps },
});

describe('dashboard view-model', () => {
  it('when quotes are open in two currencies, then the stat shows the count and one value per currency', () => {
    const view = dashboardView(data());
    expect(view.stats[0]).to.deep.equal({ label: 'Open quotes', count: 3, values: ['AUD 1,234.50', 'NZD 1.00'], href: '/quotes' });
  });

  it('when some first steps are done, then they are marked and counted', () => {
    const view = dashboardView(data({ settingsRefreshed: true, hasContacts: true }));
    expect(view.stepsDone).to.equal(2);
    expect(view.steps?.map((s) => s.done)).to.deep.equal([true, true, false, false, false]);
  });

  it('when every first step is done, then the panel is gone', () => {
    const view = dashboardView(data({ settingsRefreshed: true, hasContacts: true, hasQuotes: true, hasSalesOrders: true, hasProjects: true }));
    expect(view.steps).to.equal(null);
  });
});

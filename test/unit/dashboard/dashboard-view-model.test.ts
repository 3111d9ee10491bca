import { expect } from 'chai';
import { dashboardView } from '../../../src/dashboard/dashboard-view-model.js';
import { dashboardData, FirstStepsMemory, type DashboardData } from '../../../src/dashboard/dashboard-service.js';
import type { TenantDb } from '../../../src/db/tenant-db.js';

const data = (steps: Partial<DashboardData['steps']> = {}): DashboardData => ({
  stats: [
    {
      label: 'Open quotes',
      count: 3,
      values: [
        { currency: 'AUD', total: 123450 },
        { currency: 'NZD', total: 100 },
      ],
      href: '/quotes',
    },
    { label: 'Active projects', count: 1, values: [], href: '/projects?status=active' },
  ],
  recent: [],
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

describe('dashboard data from its sources', () => {
  it('when capabilities report stats, recent cards and steps, then the dashboard shows them in source order and a step any source reports done is done', async () => {
    const tdb = {} as TenantDb;
    const data = await dashboardData(tdb, [
      { stats: async () => [{ label: 'A', count: 1, values: [], href: '/a' }], steps: async () => ({ hasQuotes: true }) },
      { recent: async (_t, limit) => ({ heading: `Latest ${limit}`, rows: [], empty: { text: 'None.' } }) },
      { stats: async () => [{ label: 'B', count: 2, values: [], href: '/b' }], steps: async () => ({ hasQuotes: false, hasProjects: true }) },
    ]);
    expect(data.stats.map((s) => s.label)).to.deep.equal(['A', 'B']);
    expect(data.recent.map((r) => r.heading)).to.deep.equal(['Latest 5']);
    expect(data.steps).to.deep.equal({ settingsRefreshed: false, hasContacts: false, hasQuotes: true, hasSalesOrders: false, hasProjects: true });
  });

  it('when every first step of an organisation was seen done, then later views ask no source about steps and still show them done', async () => {
    const memory = new FirstStepsMemory();
    let asked = 0;
    const sources = [
      { steps: async () => (asked++, { settingsRefreshed: true, hasContacts: true, hasQuotes: true }) },
      { stats: async () => [{ label: 'A', count: 1, values: [], href: '/a' }], steps: async () => (asked++, { hasSalesOrders: true, hasProjects: true }) },
    ];
    const established = { organisationId: 'org-1' } as TenantDb;
    await dashboardData(established, sources, memory);
    expect(asked).to.equal(2);
    const again = await dashboardData(established, sources, memory);
    expect(asked, 'no step asked the second time').to.equal(2);
    expect(Object.values(again.steps).every(Boolean)).to.equal(true);
    expect(again.stats.map((s) => s.label)).to.deep.equal(['A']);
  });

  it('when an organisation still has a first step to do, then every view asks again, and another organisation is not taken for it', async () => {
    const memory = new FirstStepsMemory();
    let asked = 0;
    const sources = [{ steps: async () => (asked++, { settingsRefreshed: true, hasContacts: true, hasQuotes: true, hasSalesOrders: true }) }];
    const fresh = { organisationId: 'org-new' } as TenantDb;
    await dashboardData(fresh, sources, memory);
    const again = await dashboardData(fresh, sources, memory);
    expect(asked).to.equal(2);
    expect(again.steps.hasProjects).to.equal(false);
    memory.add('org-other');
    await dashboardData(fresh, sources, memory);
    expect(asked).to.equal(3);
  });
});

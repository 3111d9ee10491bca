/**
 * Contract pages: the kit's document pages (list, new/edit with the no-JS services editor, record,
 * status, delete) with the contract's terms; "Create contract" on a sales order; the "Contracts"
 * overview. The sales order page shows its contract through a page panel (wired in app.ts).
 */
import { Router } from 'express';
import { displayName } from '../common/tenancy.js';
import type { TenantDb } from '../db/tenant-db.js';
import { isUuid } from '../http/input-boundary.js';
import { todayIso } from '../common/dates.js';
import { documentRoutes, lookupsFor, type PagePanel } from '../documents/index.js';
import { flash } from '../http/flash.js';
import { idParam } from '../http/params.js';
import { requestContext } from '../http/request-context.js';
import { projectChoices } from '../projects/index.js';
import { CONTRACT_KIND } from './contract-kind.js';
import { contractsOverview } from './contract-overview.js';
import { contractFileRoutes } from './contract-file-routes.js';
import { filesOfLoadedContract } from './contract-files.js';
import { contractFilesView } from './contract-view-model.js';
import { CONTRACT_FIELDS } from './contract-schema.js';
import { contractService } from './contract-service.js';
import { contractListView, contractPageView } from './contract-view-model.js';
import { BILLING_FREQUENCIES, BILLING_FREQUENCY_LABELS, CONTRACT_STATUSES, PAYMENT_TERMS_LABELS, PAYMENT_TERMS_TYPES, type Contract } from './contract.js';

const FREQUENCY_CHOICES = BILLING_FREQUENCIES.map((f) => ({ value: f, label: BILLING_FREQUENCY_LABELS[f] }));
const TERMS_CHOICES = PAYMENT_TERMS_TYPES.map((t) => ({ value: t, label: PAYMENT_TERMS_LABELS[t] }));

/** The sales order page's header button: its contract, or "Create contract". */
export const contractOfSalesOrder: PagePanel<{ id: string }> = async (ctx, order) => ({
  place: 'actions',
  partial: 'contracts/sales-order-action',
  locals: { orderId: order.id, contract: await contractService({ tdb: ctx.tdb, lookups: lookupsFor(ctx, CONTRACT_KIND) }).ofSalesOrder(order.id) },
});

/** The contract page's files. */
const filesOfContract: PagePanel<Contract> = async (ctx, contract) => ({
  place: 'end',
  partial: 'contracts/files',
  locals: { files: contractFilesView(contract.id, await filesOfLoadedContract(ctx.tdb, contract)), contractId: contract.id },
});

export interface ContractRouteDeps {
  /** More parts of the contract page from other capabilities (its Xero repeating invoice), after its files. */
  pagePanels?: readonly PagePanel<Contract>[];
  /**
   * After a contract is cancelled (the Xero side deletes its repeating invoice): answers a sentence
   * for the page, or null when there was nothing to do. Injected at the composition root.
   */
  onCancelled?: (tdb: TenantDb, requester: { userId: string; name: string }, contract: { id: string; number: string }) => Promise<string | null>;
  /** Whether the contract is billed through Xero now (the cancel page says so). */
  billedInXero?: (tdb: TenantDb, contractId: string) => Promise<boolean>;
}

export function contractRoutes(deps: ContractRouteDeps = {}): Router {
  const router = Router();
  const serviceOf = (res: Parameters<typeof requestContext>[0]) => {
    const ctx = requestContext(res);
    return { ctx, service: contractService({ tdb: ctx.tdb, lookups: lookupsFor(ctx, CONTRACT_KIND) }) };
  };

  // A contract past its end date is Expired (or Renewed into its next term) by the time any contract page shows it.
  router.get(['/contracts', '/contracts/overview', '/contracts/:id'], async (_req, res, next) => {
    await serviceOf(res).service.applyAutomaticStatuses(todayIso());
    next();
  });

  router.get('/contracts/overview', async (_req, res) => {
    const { ctx, service } = serviceOf(res);
    const today = todayIso();
    const baseCurrency = ctx.organisation.baseCurrency ?? 'AUD';
    const overview = contractsOverview(await service.overviewFigures(today, baseCurrency), today, baseCurrency);
    res.render('contracts/overview', { title: 'Contracts overview', overview });
  });

  router.post('/sales-orders/:id/contract', async (req, res) => {
    const { service } = serviceOf(res);
    const { id, created } = await service.createFromSalesOrder(idParam(req));
    flash(
      req,
      'success',
      created ? 'Draft contract created from the sales order. Check its term and billing, then activate it.' : 'This sales order already has a contract.',
    );
    res.redirect(303, `/contracts/${id}`);
  });

  router.use(contractFileRoutes());

  // Cancel contract asks first (it deletes the repeating invoice in Xero); the status buttons lead here.
  router.get('/contracts/:id/cancel', async (req, res) => {
    const { ctx, service } = serviceOf(res);
    const contract = await service.get(idParam(req, 'contract'));
    if (contract.status === 'cancelled') {
      res.redirect(303, `/contracts/${contract.id}`);
      return;
    }
    res.render('contracts/cancel', {
      title: `Cancel contract ${contract.number}`,
      cancel: {
        number: contract.number,
        title: contract.title,
        customer: contract.contactName,
        inXero: (await deps.billedInXero?.(ctx.tdb, contract.id)) ?? false,
        action: `/contracts/${contract.id}/cancel`,
        back: `/contracts/${contract.id}`,
      },
    });
  });

  router.post('/contracts/:id/cancel', async (req, res) => {
    const { ctx, service } = serviceOf(res);
    const contract = await service.setStatus(idParam(req, 'contract'), 'cancelled');
    const xero = await deps.onCancelled?.(ctx.tdb, { userId: ctx.user.id, name: displayName(ctx.user) }, contract);
    flash(req, 'success', `Contract ${contract.number} is cancelled.${xero ? ` ${xero}` : ''}`);
    res.redirect(303, `/contracts/${contract.id}`);
  });

  // The status buttons' "Cancel contract" goes through the confirmation page.
  router.post('/contracts/:id/status', (req, res, next) => {
    const wanted = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>).status : undefined;
    if (wanted === 'cancelled' && isUuid(req.params.id)) res.redirect(303, `/contracts/${req.params.id}/cancel`);
    else next();
  });

  router.use(
    documentRoutes({
      kind: CONTRACT_KIND,
      service: (ctx, lookups) => contractService({ tdb: ctx.tdb, lookups }),
      statuses: CONTRACT_STATUSES,
      formFields: CONTRACT_FIELDS,
      presetFields: ['contactId', 'projectId'],
      listView: contractListView,
      pageView: (doc, labels) => contractPageView(doc, labels),
      pageLocal: 'contract',
      pagePanels: [filesOfContract, ...(deps.pagePanels ?? [])],
      formLocals: async (ctx, values) => ({
        projects: await projectChoices(ctx.tdb, values.projectId || null),
        frequencies: FREQUENCY_CHOICES,
        termsTypes: TERMS_CHOICES,
      }),
    }),
  );

  return router;
}

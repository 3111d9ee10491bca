/**
 * The contract's Xero actions: Send to Xero (with the files ticked to attach), Refresh from Xero, and
 * the contract page's Xero panel (a page panel the contracts' routes are given in app.ts). Cancelling a
 * contract (src/contracts, after its confirmation page) calls `onContractCancelled`, which sends the
 * deletion of its repeating invoice through the sync engine.
 */
import { Router, type Response } from 'express';
import { AppError, NotFoundError } from '../common/errors.js';
import type { Organisation } from '../common/tenancy.js';
import { displayName } from '../common/tenancy.js';
import type { TenantDb } from '../db/tenant-db.js';
import { flash } from '../http/flash.js';
import { idParam } from '../http/params.js';
import { isUuid } from '../http/input-boundary.js';
import { requestContext } from '../http/request-context.js';
import { contractFiles, contractRepository } from '../contracts/index.js';
import type { PagePanel } from '../documents/index.js';
import type { OrganisationGateway } from '../xero/index.js';
import type { SyncEngine } from '../xero-sync/index.js';
import { contractXeroLinks, CONTRACT_RECORD_KIND } from './contract-xero-links.js';
import type { ContractXeroPanels } from './contract-xero-panel.js';
import { refreshContractFromXero } from './contract-xero-updates.js';

export interface ContractXeroRouteDeps {
  engine: SyncEngine;
  gatewayFor(organisation: Organisation): OrganisationGateway;
  now?: () => Date;
}

/** The ticked file ids of the Send to Xero form (one value or several). */
function tickedIds(body: unknown): string[] {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).attach : undefined;
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return values.filter((v): v is string => typeof v === 'string' && isUuid(v));
}

/** The contract page's Xero panel (views/xero-sync/document-panel.ejs), after its files. */
export function contractXeroPagePanel(panels: ContractXeroPanels): PagePanel<{ id: string }> {
  return async (ctx, contract) => {
    const panel = await panels.panelFor(ctx.tdb, ctx.organisation, contract.id);
    return panel ? { place: 'end', partial: 'xero-sync/document-panel', locals: { panel, statePoll: null } } : null;
  };
}

/**
 * After a contract is cancelled: its live repeating invoice is deleted in Xero by a send of the
 * contract (the handler sees it cancelled). Answers what the page should say, or null when Xero has none.
 */
export function onContractCancelled(engine: SyncEngine) {
  return async (tdb: TenantDb, requester: { userId: string; name: string }, contract: { id: string; number: string }): Promise<string | null> => {
    if (!(await contractXeroLinks(tdb).current(contract.id))) return null;
    await engine.forOrganisation(tdb).enqueue({ recordKind: CONTRACT_RECORD_KIND, recordId: contract.id, recordLabel: contract.number, requester });
    engine.worker.wake();
    return 'Its repeating invoice is being deleted in Xero; invoices Xero already made stay there.';
  };
}

export function contractXeroRoutes(deps: ContractXeroRouteDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  const contractPath = (id: string) => `/contracts/${encodeURIComponent(id)}`;

  async function contractOf(res: Response, id: string) {
    const contract = await contractRepository(requestContext(res).tdb).find(id);
    if (!contract) throw new NotFoundError('contract');
    return contract;
  }

  router.post('/contracts/:id/send-to-xero', async (req, res) => {
    const ctx = requestContext(res);
    const contract = await contractOf(res, idParam(req));
    if (contract.status === 'cancelled') {
      flash(req, 'error', `Contract ${contract.number} is cancelled: set it back to Active to bill it through Xero again.`);
      res.redirect(303, contractPath(contract.id));
      return;
    }
    await contractFiles(ctx.tdb).tickForXero(contract.id, tickedIds(req.body));
    const { joined } = await deps.engine.forOrganisation(ctx.tdb).enqueue({
      recordKind: CONTRACT_RECORD_KIND,
      recordId: contract.id,
      recordLabel: contract.number,
      requester: { userId: ctx.user.id, name: displayName(ctx.user) },
    });
    deps.engine.worker.wake();
    flash(
      req,
      'success',
      joined ? `Contract ${contract.number} is already on its way to Xero.` : `Sending contract ${contract.number} to Xero. This page shows when it is done.`,
    );
    res.redirect(303, contractPath(contract.id));
  });

  router.post('/contracts/:id/refresh-from-xero', async (req, res) => {
    const ctx = requestContext(res);
    const contract = await contractOf(res, idParam(req));
    try {
      flash(req, 'success', await refreshContractFromXero(ctx.tdb, deps.gatewayFor(ctx.organisation), contract.id, now()));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      flash(req, 'error', `Could not read the repeating invoice from Xero: ${error.message}`);
    }
    res.redirect(303, contractPath(contract.id));
  });

  return router;
}

/** Whether the contract has a live repeating invoice in Xero (the cancel page says it will be deleted). */
export const contractBilledInXero = async (tdb: TenantDb, contractId: string): Promise<boolean> => (await contractXeroLinks(tdb).current(contractId)) !== null;

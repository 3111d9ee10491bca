/**
 * The contract's Xero actions: Send to Xero (with the files ticked to attach), Refresh from Xero, and
 * the contract page's Xero panel (a page panel the contracts' routes are given in app.ts). Cancelling a
 * contract (src/contracts, after its confirmation page) calls `onContractCancelled`, which sends the
 * deletion of its repeating invoice through the sync engine.
 */
import type { Router } from 'express';
import type { Organisation } from '../common/tenancy.js';
import type { TenantDb } from '../db/tenant-db.js';
import { isUuid } from '../http/input-boundary.js';
import { contractFiles, contractRepository, type Contract } from '../contracts/index.js';
import type { PagePanel } from '../documents/index.js';
import type { OrganisationGateway } from '../xero/index.js';
import { sentDocumentRoutes, type SyncEngine } from '../xero-sync/index.js';
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
export function contractXeroPagePanel(panels: ContractXeroPanels): PagePanel<Contract> {
  return async (ctx, contract) => {
    const panel = await panels.panelFor(ctx.tdb, ctx.organisation, contract);
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

/** Send to Xero (with the files ticked to attach) and Refresh from Xero: the shared sent-document routes. */
export function contractXeroRoutes(deps: ContractXeroRouteDeps): Router {
  return sentDocumentRoutes<Contract>(
    {
      base: '/contracts',
      kind: CONTRACT_RECORD_KIND,
      noun: 'contract',
      find: (tdb, id) => contractRepository(tdb).find(id),
      label: (contract) => contract.number,
      refuseSend: (contract) =>
        contract.status === 'cancelled' ? `Contract ${contract.number} is cancelled: set it back to Active to bill it through Xero again.` : null,
      beforeSend: (tdb, contract, req) => contractFiles(tdb).tickForXero(contract.id, tickedIds(req.body)),
      sendingMessage: (contract, joined) =>
        joined ? `Contract ${contract.number} is already on its way to Xero.` : `Sending contract ${contract.number} to Xero. This page shows when it is done.`,
      refresh: {
        run: (tdb, gateway, contract, now) => refreshContractFromXero(tdb, gateway, contract.id, now),
        failure: 'Could not read the repeating invoice from Xero',
      },
    },
    deps,
  );
}

/** Whether the contract has a live repeating invoice in Xero (the cancel page says it will be deleted). */
export const contractBilledInXero = async (tdb: TenantDb, contractId: string): Promise<boolean> => (await contractXeroLinks(tdb).current(contractId)) !== null;

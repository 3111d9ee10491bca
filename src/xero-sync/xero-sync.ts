/** The composition of the sync engine for one process: engine + handlers + pages' services. */
import type { Database } from '../db/database.js';
import type { Logger } from '../common/logger.js';
import type { XeroGateway } from '../xero/index.js';
import { contactHandler } from './contact-send.js';
import { contactBatch } from './contact-batch.js';
import { bulkRuns, type BulkRuns, type BulkSource } from './bulk-runs.js';
import { purchaseOrderBulkSource } from './purchase-order-bulk-source.js';
import { contactBulkSource } from './contact-bulk-source.js';
import { contactPanels, type ContactPanels } from './contact-panel.js';
import { syncEngine, type SyncEngine, type SyncEngineDeps } from './sync-engine.js';
import type { RecordHandler } from './send-context.js';
import { purchaseOrderHandler } from './purchase-order-send.js';
import { purchaseOrderBatch } from './purchase-order-batch.js';

export interface XeroSync {
  engine: SyncEngine;
  /** Bulk runs ("Send N to Xero" from a list). */
  bulk: BulkRuns;
  panels: ContactPanels;
  webUrl: string;
  gatewayFor: SyncEngineDeps['gatewayFor'];
}

export function createXeroSync(
  db: Database,
  gateway: XeroGateway,
  logger: Logger,
  options: Partial<Omit<SyncEngineDeps, 'db' | 'logger' | 'gatewayFor' | 'handlers'>> & {
    webUrl?: string;
    /** Record kinds beyond contacts (sales invoices, purchase orders…), built by their folders at the composition root. */
    handlers?: RecordHandler[];
    /** Lists beyond contacts and purchase orders that offer bulk sending (the sales orders'), with a `batch` on their kind's handler. */
    sources?: BulkSource[];
  } = {},
): XeroSync {
  const gatewayFor: SyncEngineDeps['gatewayFor'] = (organisation) => gateway.forOrganisation(organisation);
  const { webUrl = 'https://go.xero.com', handlers = [], sources = [], ...engineOptions } = options;
  const engine = syncEngine({
    db,
    logger,
    gatewayFor,
    handlers: [{ ...contactHandler, batch: contactBatch }, { ...purchaseOrderHandler, batch: purchaseOrderBatch }, ...handlers],
    ...engineOptions,
  });
  const bulk = bulkRuns({
    db,
    engine,
    sources: [contactBulkSource, purchaseOrderBulkSource, ...sources],
    ...(engineOptions.now ? { now: engineOptions.now } : {}),
  });
  return {
    engine,
    bulk,
    panels: contactPanels({ engine, gatewayFor, logger, webUrl }),
    webUrl,
    gatewayFor,
  };
}

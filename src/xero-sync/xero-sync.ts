/** The composition of the sync engine for one process: engine + handlers + pages' services. */
import type { Database } from '../db/database.js';
import type { Logger } from '../common/logger.js';
import type { XeroGateway } from '../xero/index.js';
import { contactHandler } from './contact-send.js';
import { contactPanels, type ContactPanels } from './contact-panel.js';
import { syncEngine, type SyncEngine, type SyncEngineDeps } from './sync-engine.js';

export interface XeroSync {
  engine: SyncEngine;
  panels: ContactPanels;
  webUrl: string;
}

export function createXeroSync(
  db: Database,
  gateway: XeroGateway,
  logger: Logger,
  options: Partial<Omit<SyncEngineDeps, 'db' | 'logger' | 'gatewayFor' | 'handlers'>> & { webUrl?: string } = {},
): XeroSync {
  const gatewayFor: SyncEngineDeps['gatewayFor'] = (organisation) => gateway.forOrganisation(organisation);
  const { webUrl = 'https://go.xero.com', ...engineOptions } = options;
  const engine = syncEngine({ db, logger, gatewayFor, handlers: [contactHandler], ...engineOptions });
  return { engine, panels: contactPanels({ engine, gatewayFor, logger, webUrl }), webUrl };
}

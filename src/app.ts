/**
 * createApp(deps): middleware order and routers. Never listens; server.ts and the tests do.
 */
import express, { type Express } from 'express';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from './config.js';
import type { Database } from './db/database.js';
import { formatCalendarDate } from './common/dates.js';
import type { Logger } from './common/logger.js';
import { noStore, securityHeaders } from './http/security.js';
import { sessionMiddleware } from './http/session.js';
import { csrfProtection, exposeCsrfToken } from './http/csrf.js';
import { cleanBody, cleanQueryParser } from './http/input-boundary.js';
import { throttle } from './http/throttle.js';
import { auditRecorder, auditRoutes, historyPanel, recordCompletedSends } from './audit/index.js';
import { consumeFlash } from './http/flash.js';
import { errorHandler, notFound } from './http/error-handlers.js';
import { requestLogging } from './http/request-logging.js';
import { healthRoutes } from './health/health-routes.js';
import { brandRoutes } from './http/brand-routes.js';
import { icon } from './http/icons.js';
import { homeRoutes } from './home/home-routes.js';
import { requireOrganisation } from './http/request-context.js';
import { dashboardRoutes } from './dashboard/index.js';
import { quoteContactContribution, quoteDashboard, quoteProjectContribution, quoteRoutes, quoteSearch } from './quotes/index.js';
import {
  salesOrderContactContribution,
  salesOrderDashboard,
  salesOrderOfQuote,
  salesOrderProjectContributionWith,
  salesOrderRoutes,
  salesOrderSearch,
} from './sales-orders/index.js';
import {
  purchaseOrderContactContribution,
  purchaseOrderedLines,
  purchaseOrderProjectContribution,
  purchaseOrderRoutes,
  purchaseOrdersOfSalesOrder,
} from './purchase-orders/index.js';
import { projectContactContribution, projectDashboard, projectRoutes, projectSearch } from './projects/index.js';
import { contactDashboard, contactRoutes, contactSearch } from './contacts/index.js';
import { searchRoutes } from './search/index.js';
import { contractContactContribution, contractOfSalesOrder, contractRoutes, contractUploadParser } from './contracts/index.js';
import { productRoutes } from './products/index.js';
import { refreshXeroSettings, xeroSettingsDashboard, xeroSettingsRoutes, type XeroSettingsSource } from './xero-settings/index.js';
import { appManifest, createXeroServices, type XeroServices } from './xero/index.js';
import { xeroSettingsSourceAdapter } from './xero/xero-settings-source-adapter.js';
import { xeroImportRoutes, xeroImports, xeroImportSourceAdapter } from './xero-import/index.js';
import { jobRunner, type JobRunner } from './jobs/index.js';
import {
  contactChangedVia,
  contactXeroRecordPanel,
  createXeroSync,
  purchaseOrderXeroPanel,
  purchaseOrderXeroRoutes,
  syncRoutes,
  type XeroSync,
} from './xero-sync/index.js';
import { contactEventHandler, createXeroWebhooks, type XeroWebhooks } from './xero-webhooks/index.js';
import {
  invoiceDashboard,
  invoicePagePanel,
  invoicePanels,
  invoiceRoutes,
  salesInvoiceEventHandler,
  salesInvoiceHandler,
  salesOrderBulkSource,
} from './xero-invoices/index.js';
import {
  contractBilledInXero,
  contractInvoiceOwner,
  contractRepeatingInvoiceHandler,
  contractXeroPagePanel,
  contractXeroPanels,
  contractXeroRoutes,
  onContractCancelled,
} from './xero-contracts/index.js';
import { authRoutes } from './auth/auth-routes.js';
import { signInService } from './auth/sign-in-service.js';
import { loadRequestContext, organisationsRepository, organisationsRoutes, organisationsService, organisationXeroStatus } from './organisations/index.js';
import type { Organisation } from './common/tenancy.js';
import { tenantDb } from './db/tenant-db.js';

export interface AppDeps {
  config: AppConfig;
  db: Database;
  logger: Logger;
  /** 0 turns off the session store's periodic cleanup (tests). */
  sessionCleanupIntervalMs?: number;
  /** Xero identity, tokens and gateway; built from config when not given. */
  xero?: XeroServices;
  /** Reads an organisation's Xero settings for the cache (the gateway adapter); the settings page says when absent. */
  xeroSettingsSourceFor?: (organisation: Organisation) => XeroSettingsSource;
  /** Runs Xero imports in the background; tests pass one to wait for it (`idle()`). */
  xeroImportRunner?: JobRunner;
  /** Fill a newly connected organisation's Xero settings cache in the background (default true). */
  refreshXeroSettingsOnConnect?: boolean;
  /** The Xero sync engine (server.ts starts its worker; tests drain it); built from `xero` when not given. */
  xeroSync?: XeroSync;
  /** Xero's webhook receiver and its worker (server.ts starts the worker; tests drain it); built from config when not given. */
  xeroWebhooks?: XeroWebhooks;
}

/** The paths of organisation pages (their sub-paths included), all behind requireOrganisation. */
export const ORGANISATION_PAGES = [
  '/dashboard',
  '/contacts',
  '/products',
  '/quotes',
  '/sales-orders',
  '/purchase-orders',
  '/projects',
  '/contracts',
  '/settings/xero',
  '/import/xero',
  '/sync-log',
  '/search',
  '/bulk-sends',
  '/audit',
];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function createApp(deps: AppDeps): Express {
  const { config, db, logger } = deps;
  const xero = deps.xero ?? createXeroServices(config, db, logger, { organisationStatus: organisationXeroStatus(db) });
  const organisations = organisationsService({ db, xero, logger });
  const app = express();
  app.set('views', path.join(ROOT, 'views'));
  app.set('view engine', 'ejs');
  app.set('trust proxy', config.nodeEnv === 'production' ? 1 : false);
  app.disable('x-powered-by');
  // Every query string is read through the input boundary (control characters stripped).
  app.set('query parser', cleanQueryParser);
  app.locals.appName = 'Ledgerside';
  app.locals.icon = icon;
  // Reads the request's organisation's date style when the template renders (src/common/dates.ts).
  app.locals.formatDate = formatCalendarDate;

  app.use(requestLogging(logger));
  app.use(securityHeaders({ xeroIdentityOrigin: new URL(config.xero.issuerUrl).origin, production: config.nodeEnv === 'production' }));
  app.use('/assets', express.static(path.join(ROOT, 'views/assets'), { maxAge: config.nodeEnv === 'production' ? '1d' : 0 }));
  app.use(brandRoutes({ maxAge: config.nodeEnv === 'production' ? '1d' : 0 }));
  app.use(noStore);
  app.use(healthRoutes({ db }));
  // Before any body parser, session or CSRF: Xero's deliveries are read raw and signed, never a session.
  const gatewayFor = (org: Organisation) => xero.gateway.forOrganisation(org);
  const webhooks =
    deps.xeroWebhooks ??
    createXeroWebhooks({
      db,
      logger,
      key: config.xero.webhookKey,
      handlers: [
        salesInvoiceEventHandler({ gatewayFor, owners: [contractInvoiceOwner] }),
        contactEventHandler({ contactChanged: contactChangedVia(xero.gateway) }),
      ],
    });
  app.use(webhooks.receiver);

  app.use(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 5000 }));
  app.use(cleanBody);
  app.use(
    sessionMiddleware({
      db,
      secret: config.sessionSecret,
      secure: config.appUrl.startsWith('https://'),
      ...(deps.sessionCleanupIntervalMs !== undefined ? { cleanupIntervalMs: deps.sessionCleanupIntervalMs } : {}),
    }),
  );
  // Before the CSRF check, so a burst of forged or stale posts is throttled too.
  app.use(
    throttle({
      db,
      config: config.throttle,
      logger,
      signInRoutes: ['POST /auth/xero', `GET ${appManifest.connectionLinkPath}`, `GET ${appManifest.redirectUriPath}`],
    }),
  );
  // A contract's file upload is multipart: read it (≤ 10 MB, signed-in sessions only) before the CSRF
  // check, which then finds the form's token among its fields.
  const uploadParser = contractUploadParser();
  app.post('/contracts/:id/files', (req, res, next) => (req.session?.userId ? uploadParser(req, res, next) : next()));
  app.use(csrfProtection);
  app.use(exposeCsrfToken);
  app.use(consumeFlash);
  app.use((req, res, next) => {
    res.locals.currentPath = req.path;
    res.locals.demo = config.demo;
    next();
  });

  app.use(loadRequestContext(db));

  const runner = deps.xeroImportRunner ?? jobRunner(logger);
  const settingsSourceFor = deps.xeroSettingsSourceFor ?? ((org: Organisation) => xeroSettingsSourceAdapter(xero.gateway, org));
  // A newly connected organisation's forms should offer its accounts and tax rates without a first manual refresh.
  const fillSettingsCache = (organisationIds: string[]): void => {
    if (deps.refreshXeroSettingsOnConnect === false) return;
    for (const id of organisationIds) {
      runner.launch(`xero-settings:${id}`, async () => {
        const organisation = await organisationsRepository(db).findOrganisation(id);
        if (organisation?.status === 'connected') await refreshXeroSettings(tenantDb(db, id), settingsSourceFor(organisation), new Date());
      });
    }
  };

  // Every organisation page is guarded once, here: signed in, an organisation chosen, and no writes to
  // one that is disconnected. A capability with pages under a new path adds the path.
  app.use(ORGANISATION_PAGES, requireOrganisation);
  // Every successful change through a form is an audit entry (src/audit/README.md).
  app.use(auditRecorder(logger));
  app.use(auditRoutes({ adminNamesOf: (organisationId) => organisationsRepository(db).adminNamesOf(organisationId) }));

  // Capability routers; each keeps its routes thin.
  app.use(homeRoutes());
  app.use(authRoutes({ identity: xero.identity, signIn: signInService({ db, xero, logger, onConnected: fillSettingsCache }), logger, appUrl: config.appUrl }));
  app.use(organisationsRoutes({ service: organisations }));
  app.use(dashboardRoutes({ sources: [quoteDashboard, salesOrderDashboard, invoiceDashboard, projectDashboard, contactDashboard, xeroSettingsDashboard] }));
  app.use(searchRoutes({ sources: [contactSearch, quoteSearch, salesOrderSearch, projectSearch] }));
  app.use(quoteRoutes({ salesOrderOf: salesOrderOfQuote, pagePanels: [historyPanel('quotes')] }));
  const sync =
    deps.xeroSync ??
    createXeroSync(db, xero.gateway, logger, {
      webUrl: config.xero.webUrl,
      handlers: [salesInvoiceHandler({ appUrl: config.appUrl }), contractRepeatingInvoiceHandler],
      onFinished: recordCompletedSends,
      sources: [salesOrderBulkSource],
    });
  // A record page's parts owned by other capabilities are page panels (src/documents/README.md): the
  // kit calls them once it has loaded the record for this organisation. Each record page ends with its
  // History (src/audit/record-history.ts).
  app.use(purchaseOrderXeroRoutes(sync));
  app.use(purchaseOrderRoutes({ pagePanels: [purchaseOrderXeroPanel(sync), historyPanel('purchase-orders')] }));
  if (sync.engine.handlers.some((h) => h.kind === 'contract')) {
    const panels = contractXeroPanels({ engine: sync.engine, webUrl: config.xero.webUrl });
    app.use(contractXeroRoutes({ engine: sync.engine, gatewayFor }));
    app.use(
      contractRoutes({
        pagePanels: [contractXeroPagePanel(panels), historyPanel('contracts')],
        onCancelled: onContractCancelled(sync.engine),
        billedInXero: contractBilledInXero,
      }),
    );
  } else app.use(contractRoutes({ pagePanels: [historyPanel('contracts')] }));
  const salesOrderPanels = [contractOfSalesOrder];
  if (sync.engine.handlers.some((h) => h.kind === 'sales_order')) {
    const panels = invoicePanels({ engine: sync.engine, webUrl: config.xero.webUrl, appUrl: config.appUrl });
    app.use(invoiceRoutes({ engine: sync.engine, panels, gatewayFor, logger }));
    salesOrderPanels.push(invoicePagePanel({ panels }));
  }
  app.use(salesOrderRoutes({ pagePanels: [...salesOrderPanels, purchaseOrdersOfSalesOrder, historyPanel('sales-orders')] }));
  app.use(
    projectRoutes({
      contributions: [quoteProjectContribution, salesOrderProjectContributionWith(purchaseOrderedLines), purchaseOrderProjectContribution],
      pagePanels: [historyPanel('projects')],
    }),
  );
  app.use(syncRoutes(sync));
  app.use(
    contactRoutes({
      contributions: [
        quoteContactContribution,
        salesOrderContactContribution,
        projectContactContribution,
        contractContactContribution,
        purchaseOrderContactContribution,
      ],
      pagePanels: [contactXeroRecordPanel(sync.panels), historyPanel('contacts')],
    }),
  );
  app.use(productRoutes());
  app.use(xeroSettingsRoutes({ sourceFor: settingsSourceFor }));
  app.use(xeroImportRoutes(xeroImports({ db, logger, runner, sourceFor: (org) => xeroImportSourceAdapter(xero.gateway, org) })));

  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}

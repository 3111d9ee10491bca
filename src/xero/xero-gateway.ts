/**
 * The only code that calls xero-node. A fresh XeroClient per call (it holds one token set), the
 * organisation's freshest valid token, a per-tenant concurrency limit, Retry-After on 429, a timeout,
 * one structured log line per call, and Xero's failures turned into typed errors. A 403 for a tenant
 * means the organisation was disconnected from Xero's side: it is marked so, and the UI offers Reconnect.
 */
import {
  XeroClient,
  type Account,
  type BrandingTheme,
  type Contact,
  type Currency,
  type Invoice,
  type PurchaseOrder,
  type Item,
  type RepeatingInvoice,
  type Organisation as XeroOrganisation,
  type TaxRate,
  type TrackingCategory,
} from 'xero-node';
import type { AppConfig } from '../config.js';
import { AppError } from '../common/errors.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../common/logger.js';
import { XERO_SCOPES } from './app-manifest.js';
import { connectionsRepository } from './connections-repository.js';
import { xeroErrorFrom, XeroApiError, XeroNotConnectedError, XeroRateLimitedError, XeroTenantDisconnectedError } from './xero-errors.js';
import type { TenantLimiter } from './rate-limiter.js';
import type { TokenService } from './token-service.js';

export interface GatewayOrganisation {
  id: string;
  xeroTenantId: string;
  name: string;
}

/**
 * How the Xero side tells the tenancy what it learnt about an organisation's connection. Injected by
 * the composition root (src/tenants implements it), so src/xero imports nothing of src/tenants.
 */
export interface OrganisationXeroStatus {
  /** Xero answered 403 for the tenant: the organisation was disconnected on Xero's side. */
  disconnected(organisationId: string, message: string): Promise<void>;
  /** No active grant reaches the organisation any more: someone must reconnect it. */
  needsReconnect(organisationId: string): Promise<void>;
  /** A Xero call for the organisation succeeded. */
  succeeded(organisationId: string): Promise<void>;
}

export interface XeroGatewayDeps {
  xero: AppConfig['xero'];
  db: Database;
  organisationStatus: OrganisationXeroStatus;
  tokens: TokenService;
  limiter: TenantLimiter;
  logger: Logger;
  timeoutMs?: number;
  /** How many times a 429 is waited out before giving up. */
  maxRateLimitRetries?: number;
  /** A 429 asking for a longer wait than this is not waited out in the call: the caller schedules it. */
  maxRateLimitWaitSeconds?: number;
}

type Api = XeroClient['accountingApi'];

/** What an element of a summarizeErrors=false answer carries (contacts, invoices, purchase orders…). */
interface ValidatedElement {
  validationErrors?: Array<{ message?: string }>;
  hasValidationErrors?: boolean;
  hasErrors?: boolean;
}

export interface OrganisationGateway {
  getOrganisation(): Promise<XeroOrganisation>;
  getAccounts(ifModifiedSince?: Date): Promise<Account[]>;
  getTaxRates(): Promise<TaxRate[]>;
  getItems(ifModifiedSince?: Date): Promise<Item[]>;
  getCurrencies(): Promise<Currency[]>;
  getTrackingCategories(): Promise<TrackingCategory[]>;
  getBrandingThemes(): Promise<BrandingTheme[]>;
  /** One page (1-based) of contacts, archived included, 100 a page. */
  getContactsPage(page: number, ifModifiedSince?: Date): Promise<Contact[]>;
  /** One contact by ContactID, or null when Xero has none. */
  getContact(contactId: string): Promise<Contact | null>;
  /** Contacts (archived included) matching a `where` filter, e.g. `Name=="Acme Ltd"`; first 100. */
  findContacts(where: string): Promise<Contact[]>;
  /** Contacts (archived included) whose name, email or number contains `term`; first 100. */
  searchContacts(term: string): Promise<Contact[]>;
  /** Creates one contact (PUT, summarizeErrors=false, Idempotency-Key); Xero's validation errors throw. */
  createContact(contact: Contact, idempotencyKey: string): Promise<Contact>;
  /** Updates one contact (POST /Contacts/{id}, Idempotency-Key); Xero's validation errors throw. */
  updateContact(contactId: string, contact: Contact, idempotencyKey: string): Promise<Contact>;

  // Sales invoices (ACCREC). Purchase orders and repeating invoices mirror these five: create (PUT,
  // summarizeErrors=false), update by id (POST), get by id (null when Xero has none), PDF, and one page
  // modified since. Amounts are asked and sent with unitdp=4 (unit prices keep 4 decimals).
  /** Creates one invoice (PUT /Invoices?summarizeErrors=false&unitdp=4, Idempotency-Key); Xero's validation errors throw. */
  createInvoice(invoice: Invoice, idempotencyKey: string): Promise<Invoice>;
  /** Updates one invoice (POST /Invoices/{id}?unitdp=4, Idempotency-Key): lines with a LineItemID update, others are created, missing ones deleted. */
  updateInvoice(invoiceId: string, invoice: Invoice, idempotencyKey: string): Promise<Invoice>;
  /** One invoice by InvoiceID with its payments and credit notes (unitdp=4), or null when Xero has none. */
  getInvoice(invoiceId: string): Promise<Invoice | null>;
  /** Xero's own PDF of the invoice (GET /Invoices/{id} with Accept: application/pdf). */
  getInvoicePdf(invoiceId: string): Promise<Buffer>;
  /** One page (1-based, 100 a page, oldest change first) of invoices changed since `ifModifiedSince`, filtered by `where`. */
  getInvoicesPage(query: InvoicesPageQuery): Promise<Invoice[]>;
  /** Contacts (archived included) matching a `where` filter, up to 1,000 (one call; bulk sends look up a batch at once). */
  lookupContacts(where: string): Promise<Contact[]>;
  /**
   * One page (1-based) of the organisation's contacts, archived included, 1,000 a page (Xero's most),
   * summary fields only (no addresses, phones, people or balances: Xero's lightest read), changed since
   * `ifModifiedSince` when given; a page with fewer than 1,000 is the last.
   */
  getContactSummaries(page: number, ifModifiedSince?: Date): Promise<Contact[]>;
  /** Contacts by ContactID (archived included), one call for up to 50. */
  getContactsByIds(contactIds: readonly string[]): Promise<Contact[]>;
  /**
   * Creates (PUT) or updates (POST, elements with ContactID) several contacts in one call with
   * summarizeErrors=false: one result per element, in order, Xero's validation messages on each.
   */
  saveContacts(mode: 'create' | 'update', contacts: Contact[], idempotencyKey: string): Promise<BatchElement<Contact>[]>;
  /**
   * Creates (PUT) or updates (POST, elements with InvoiceID) several invoices in one call with
   * summarizeErrors=false and unitdp=4: one result per element, in order, Xero's validation messages on each.
   */
  saveInvoices(mode: 'create' | 'update', invoices: Invoice[], idempotencyKey: string): Promise<BatchElement<Invoice>[]>;
  /** The same for purchase orders (elements with PurchaseOrderID update). */
  savePurchaseOrders(mode: 'create' | 'update', purchaseOrders: PurchaseOrder[], idempotencyKey: string): Promise<BatchElement<PurchaseOrder>[]>;
  /** X-DayLimit-Remaining from Xero's last answer for this organisation in this process (null: none yet). */
  callsLeftToday(): number | null;

  // Purchase orders, mirroring the invoice methods (Xero's purchase-order endpoints take no unitdp).
  /** Creates one purchase order (PUT /PurchaseOrders?summarizeErrors=false, Idempotency-Key); the contact must already be in Xero. */
  createPurchaseOrder(purchaseOrder: PurchaseOrder, idempotencyKey: string): Promise<PurchaseOrder>;
  /** Updates one purchase order (POST /PurchaseOrders/{id}, Idempotency-Key): lines with a LineItemID update, others are created, missing ones deleted. */
  updatePurchaseOrder(purchaseOrderId: string, purchaseOrder: PurchaseOrder, idempotencyKey: string): Promise<PurchaseOrder>;
  /** One purchase order by PurchaseOrderID, or null when Xero has none. */
  getPurchaseOrder(purchaseOrderId: string): Promise<PurchaseOrder | null>;
  /** Xero's own PDF of the purchase order (GET /PurchaseOrders/{id} with Accept: application/pdf). */
  getPurchaseOrderPdf(purchaseOrderId: string): Promise<Buffer>;
  /** One page (1-based, 100 a page, oldest change first) of purchase orders changed since `ifModifiedSince` (Xero sends no webhooks for them). */
  getPurchaseOrdersPage(page: number, ifModifiedSince?: Date): Promise<PurchaseOrder[]>;
  /** One page (1-based, 100 a page) of the purchase orders dated `date` (YYYY-MM-DD): Xero's list takes no `where`, only dates and status. */
  getPurchaseOrdersDated(date: string, page: number): Promise<PurchaseOrder[]>;
  /** PUT /RepeatingInvoices (one template; a refusal is a 400 with Xero's messages). */
  createRepeatingInvoice(repeatingInvoice: RepeatingInvoice, idempotencyKey: string): Promise<RepeatingInvoice>;
  /** GET /RepeatingInvoices/{id}; null when Xero has no such template. */
  getRepeatingInvoice(repeatingInvoiceId: string): Promise<RepeatingInvoice | null>;
  /** GET /RepeatingInvoices with a `where` (not paged by Xero). */
  getRepeatingInvoices(where?: string): Promise<RepeatingInvoice[]>;
  /** POST /RepeatingInvoices/{id} with Status DELETED: Xero's only change to a template. */
  deleteRepeatingInvoice(repeatingInvoiceId: string, idempotencyKey: string): Promise<RepeatingInvoice>;
  /** PUT /RepeatingInvoices/{id}/Attachments/{FileName} with the file's bytes. */
  attachToRepeatingInvoice(repeatingInvoiceId: string, fileName: string, bytes: Buffer, idempotencyKey: string): Promise<void>;
}

/** One element of a summarizeErrors=false batch answer: the saved record, or Xero's messages for it. */
export interface BatchElement<T> {
  record: T | null;
  messages: string[];
}

export interface InvoicesPageQuery {
  page: number;
  ifModifiedSince?: Date;
  /** A Xero `where` filter, e.g. `Type=="ACCREC"`. */
  where?: string;
  /** Only these InvoiceIDs (Xero's `IDs` comma list; keep it to about 50). */
  ids?: string[];
}

/** Xero pages list answers 100 records at a time: a page with fewer is the last. */
export const XERO_PAGE_SIZE = 100;
/** The most a paged list answers when asked (pageSize). */
export const XERO_MAX_PAGE_SIZE = 1000;

export interface XeroGateway {
  forOrganisation(organisation: GatewayOrganisation): OrganisationGateway;
}

function headersOf(raw: unknown): Record<string, string> {
  if (typeof raw !== 'object' || raw === null) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) if (typeof value === 'string' || typeof value === 'number') out[key.toLowerCase()] = String(value);
  return out;
}

function withTimeout<T>(work: Promise<T>, ms: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new XeroApiError('xero_timeout', 504, `Xero took too long to answer (${operation}). Please try again.`, undefined, [], undefined)),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function xeroGateway(deps: XeroGatewayDeps): XeroGateway {
  const connections = connectionsRepository(deps.db);
  /** X-DayLimit-Remaining as Xero last said it, per tenant (the bulk progress page shows it). */
  const dayRemaining = new Map<string, number>();

  async function markDisconnected(organisation: GatewayOrganisation, error: XeroApiError): Promise<void> {
    const now = new Date();
    await connections.setStatus({ organisationId: organisation.id }, 'disconnected', now);
    await deps.organisationStatus.disconnected(organisation.id, error.message);
    deps.logger.warn({ organisationId: organisation.id, tenantId: organisation.xeroTenantId }, 'xero answered 403: organisation marked disconnected');
  }

  async function invoke<T>(
    organisation: GatewayOrganisation,
    operation: string,
    call: (api: Api, tenantId: string) => Promise<{ body: T; response?: { headers?: unknown } }>,
  ): Promise<T> {
    const connection = await connections.activeFor(organisation.id);
    if (!connection) throw new XeroNotConnectedError(organisation.name);
    const retries = deps.maxRateLimitRetries ?? 3;
    let rejectedToken: string | undefined;
    let refreshedAfter401 = false;
    for (let attempt = 0; ; attempt++) {
      const tokenSet = await deps.tokens.validTokenSet(connection.grantId, rejectedToken);
      const client = new XeroClient({
        clientId: deps.xero.clientId,
        clientSecret: deps.xero.clientSecret,
        redirectUris: [deps.xero.redirectUri],
        scopes: [...XERO_SCOPES],
      });
      client.accountingApi.basePath = deps.xero.apiUrl;
      client.setTokenSet(tokenSet);
      const started = Date.now();
      try {
        const { body, response } = await deps.limiter.run(organisation.xeroTenantId, () =>
          withTimeout(call(client.accountingApi, organisation.xeroTenantId), deps.timeoutMs ?? 30_000, operation),
        );
        const headers = headersOf(response?.headers);
        deps.limiter.observe?.(organisation.xeroTenantId, headers);
        const left = Number(headers['x-daylimit-remaining']);
        if (headers['x-daylimit-remaining'] !== undefined && Number.isFinite(left)) dayRemaining.set(organisation.xeroTenantId, left);
        deps.logger.info({ xero: operation, organisationId: organisation.id, ms: Date.now() - started }, 'xero call');
        await deps.organisationStatus.succeeded(organisation.id);
        return body;
      } catch (rejection) {
        if (rejection instanceof XeroApiError) throw rejection;
        if (rejection instanceof AppError) throw rejection;
        const error = xeroErrorFrom(rejection, operation);
        deps.logger.warn(
          { xero: operation, organisationId: organisation.id, status: error.xeroStatus, code: error.code, ms: Date.now() - started, response: error.raw },
          'xero call failed',
        );
        // 401: the access token was refused before its time; refresh it (single flight) and try once more.
        if (error.xeroStatus === 401 && !refreshedAfter401) {
          refreshedAfter401 = true;
          rejectedToken = tokenSet.access_token;
          continue;
        }
        // Short waits are waited out here (every caller for the tenant pauses); a long one (the day's
        // limit) goes back to the caller to schedule, and the pacer holds the organisation's other calls.
        if (error instanceof XeroRateLimitedError && attempt < retries && error.retryAfterSeconds <= (deps.maxRateLimitWaitSeconds ?? 60)) {
          deps.limiter.pause(organisation.xeroTenantId, error.retryAfterSeconds * 1000);
          continue;
        }
        if (error instanceof XeroRateLimitedError) deps.limiter.hold?.(organisation.xeroTenantId, error.retryAfterSeconds * 1000);
        if (error instanceof XeroTenantDisconnectedError) await markDisconnected(organisation, error);
        throw error;
      }
    }
  }

  /** One element of a summarizeErrors=false answer: its validation errors become the same typed error as a 400. */
  function checkElement<T extends ValidatedElement>(element: T | undefined, operation: string): T {
    if (!element) throw new XeroApiError('xero_failed', 502, `Xero returned no record (${operation}).`, 200, [], undefined);
    const messages = (element.validationErrors ?? []).map((v) => v.message).filter((m): m is string => typeof m === 'string');
    if (element.hasValidationErrors || element.hasErrors || messages.length > 0) {
      throw new XeroApiError('xero_validation', 422, messages.length ? `Xero refused it: ${messages.join(' ')}` : 'Xero refused it.', 400, messages, element);
    }
    return element;
  }

  /** A repeating invoice Xero answered with (its model has no validation fields: refusals arrive as 400s). */
  function savedTemplate(element: RepeatingInvoice | undefined, operation: string): RepeatingInvoice {
    if (!element) throw new XeroApiError('xero_failed', 502, `Xero returned no repeating invoice (${operation}).`, 200, [], undefined);
    return element;
  }

  /** Every element of a summarizeErrors=false answer, in order: the record or its validation messages. */
  function elementsOf<T extends ValidatedElement & { statusAttributeString?: unknown }>(
    elements: T[] | undefined,
    sent: number,
    operation: string,
  ): BatchElement<T>[] {
    if (!elements || elements.length !== sent)
      throw new XeroApiError('xero_failed', 502, `Xero returned ${elements?.length ?? 0} records for ${sent} sent (${operation}).`, 200, [], undefined);
    return elements.map((element) => {
      const messages = (element.validationErrors ?? []).map((v) => v.message).filter((m): m is string => typeof m === 'string');
      const failed =
        element.hasValidationErrors === true || element.hasErrors === true || messages.length > 0 || String(element.statusAttributeString ?? '') === 'ERROR';
      return failed ? { record: null, messages: messages.length ? messages : ['Xero refused it.'] } : { record: element, messages: [] };
    });
  }

  return {
    forOrganisation(organisation) {
      const run = <T>(operation: string, call: (api: Api, tenantId: string) => Promise<{ body: T }>) => invoke(organisation, operation, call);
      return {
        async getOrganisation() {
          const body = await run('getOrganisations', (api, t) => api.getOrganisations(t));
          const first = body.organisations?.[0];
          if (!first) throw new XeroApiError('xero_failed', 502, 'Xero returned no organisation details.', 200, [], body);
          return first;
        },
        async getAccounts(ifModifiedSince) {
          return (await run('getAccounts', (api, t) => api.getAccounts(t, ifModifiedSince))).accounts ?? [];
        },
        async getTaxRates() {
          return (await run('getTaxRates', (api, t) => api.getTaxRates(t))).taxRates ?? [];
        },
        async getItems(ifModifiedSince) {
          return (await run('getItems', (api, t) => api.getItems(t, ifModifiedSince, undefined, undefined, 4))).items ?? [];
        },
        async getCurrencies() {
          return (await run('getCurrencies', (api, t) => api.getCurrencies(t))).currencies ?? [];
        },
        async getTrackingCategories() {
          return (await run('getTrackingCategories', (api, t) => api.getTrackingCategories(t))).trackingCategories ?? [];
        },
        async getBrandingThemes() {
          return (await run('getBrandingThemes', (api, t) => api.getBrandingThemes(t))).brandingThemes ?? [];
        },
        async getContactsPage(page, ifModifiedSince) {
          const body = await run('getContacts', (api, t) =>
            api.getContacts(t, ifModifiedSince, undefined, 'Name ASC', undefined, page, true, false, undefined, 100),
          );
          return body.contacts ?? [];
        },
        async getContact(contactId) {
          try {
            return (await run('getContact', (api, t) => api.getContact(t, contactId))).contacts?.[0] ?? null;
          } catch (error) {
            if (error instanceof XeroApiError && error.xeroStatus === 404) return null;
            throw error;
          }
        },
        async findContacts(where) {
          return (
            (await run('getContacts', (api, t) => api.getContacts(t, undefined, where, 'Name ASC', undefined, 1, true, false, undefined, 100))).contacts ?? []
          );
        },
        async searchContacts(term) {
          return (
            (await run('getContacts', (api, t) => api.getContacts(t, undefined, undefined, 'Name ASC', undefined, 1, true, false, term, 100))).contacts ?? []
          );
        },
        async createContact(contact, idempotencyKey) {
          const body = await run('createContacts', (api, t) => api.createContacts(t, { contacts: [contact] }, false, idempotencyKey));
          return checkElement(body.contacts?.[0], 'createContacts');
        },
        async updateContact(contactId, contact, idempotencyKey) {
          const body = await run('updateContact', (api, t) => api.updateContact(t, contactId, { contacts: [contact] }, idempotencyKey));
          return checkElement(body.contacts?.[0], 'updateContact');
        },
        async createInvoice(invoice, idempotencyKey) {
          const body = await run('createInvoices', (api, t) => api.createInvoices(t, { invoices: [invoice] }, false, 4, idempotencyKey));
          return checkElement(body.invoices?.[0], 'createInvoices');
        },
        async updateInvoice(invoiceId, invoice, idempotencyKey) {
          const body = await run('updateInvoice', (api, t) => api.updateInvoice(t, invoiceId, { invoices: [invoice] }, 4, idempotencyKey));
          return checkElement(body.invoices?.[0], 'updateInvoice');
        },
        async getInvoice(invoiceId) {
          try {
            return (await run('getInvoice', (api, t) => api.getInvoice(t, invoiceId, 4))).invoices?.[0] ?? null;
          } catch (error) {
            if (error instanceof XeroApiError && error.xeroStatus === 404) return null;
            throw error;
          }
        },
        async getInvoicePdf(invoiceId) {
          return run('getInvoiceAsPdf', (api, t) => api.getInvoiceAsPdf(t, invoiceId));
        },
        async getInvoicesPage(query) {
          const body = await run('getInvoices', (api, t) =>
            api.getInvoices(
              t,
              query.ifModifiedSince,
              query.where,
              'UpdatedDateUTC ASC',
              query.ids,
              undefined,
              undefined,
              undefined,
              query.page,
              undefined,
              undefined,
              4,
              false,
              XERO_PAGE_SIZE,
            ),
          );
          return body.invoices ?? [];
        },
        async lookupContacts(where) {
          return (
            (await run('getContacts', (api, t) => api.getContacts(t, undefined, where, 'Name ASC', undefined, 1, true, false, undefined, 1000))).contacts ?? []
          );
        },
        async getContactSummaries(page, ifModifiedSince) {
          const body = await run('getContacts', (api, t) =>
            api.getContacts(t, ifModifiedSince, undefined, 'UpdatedDateUTC ASC', undefined, page, true, true, undefined, XERO_MAX_PAGE_SIZE),
          );
          return body.contacts ?? [];
        },
        async getContactsByIds(contactIds) {
          if (contactIds.length === 0) return [];
          return (
            (await run('getContacts', (api, t) => api.getContacts(t, undefined, undefined, 'Name ASC', [...contactIds], 1, true, false, undefined, 1000)))
              .contacts ?? []
          );
        },
        async saveContacts(mode, contacts, idempotencyKey) {
          if (contacts.length === 0) return [];
          const body =
            mode === 'create'
              ? await run('createContacts', (api, t) => api.createContacts(t, { contacts }, false, idempotencyKey))
              : await run('updateOrCreateContacts', (api, t) => api.updateOrCreateContacts(t, { contacts }, false, idempotencyKey));
          return elementsOf(body.contacts, contacts.length, mode === 'create' ? 'createContacts' : 'updateOrCreateContacts');
        },
        async saveInvoices(mode, invoices, idempotencyKey) {
          if (invoices.length === 0) return [];
          const body =
            mode === 'create'
              ? await run('createInvoices', (api, t) => api.createInvoices(t, { invoices }, false, 4, idempotencyKey))
              : await run('updateOrCreateInvoices', (api, t) => api.updateOrCreateInvoices(t, { invoices }, false, 4, idempotencyKey));
          return elementsOf(body.invoices, invoices.length, mode === 'create' ? 'createInvoices' : 'updateOrCreateInvoices');
        },
        async savePurchaseOrders(mode, purchaseOrders, idempotencyKey) {
          if (purchaseOrders.length === 0) return [];
          const body =
            mode === 'create'
              ? await run('createPurchaseOrders', (api, t) => api.createPurchaseOrders(t, { purchaseOrders }, false, idempotencyKey))
              : await run('updateOrCreatePurchaseOrders', (api, t) => api.updateOrCreatePurchaseOrders(t, { purchaseOrders }, false, idempotencyKey));
          return elementsOf(body.purchaseOrders, purchaseOrders.length, mode === 'create' ? 'createPurchaseOrders' : 'updateOrCreatePurchaseOrders');
        },
        callsLeftToday: () => dayRemaining.get(organisation.xeroTenantId) ?? null,
        async createPurchaseOrder(purchaseOrder, idempotencyKey) {
          const body = await run('createPurchaseOrders', (api, t) => api.createPurchaseOrders(t, { purchaseOrders: [purchaseOrder] }, false, idempotencyKey));
          return checkElement(body.purchaseOrders?.[0], 'createPurchaseOrders');
        },
        async updatePurchaseOrder(purchaseOrderId, purchaseOrder, idempotencyKey) {
          const body = await run('updatePurchaseOrder', (api, t) =>
            api.updatePurchaseOrder(t, purchaseOrderId, { purchaseOrders: [purchaseOrder] }, idempotencyKey),
          );
          return checkElement(body.purchaseOrders?.[0], 'updatePurchaseOrder');
        },
        async getPurchaseOrder(purchaseOrderId) {
          try {
            return (await run('getPurchaseOrder', (api, t) => api.getPurchaseOrder(t, purchaseOrderId))).purchaseOrders?.[0] ?? null;
          } catch (error) {
            if (error instanceof XeroApiError && error.xeroStatus === 404) return null;
            throw error;
          }
        },
        async getPurchaseOrderPdf(purchaseOrderId) {
          return run('getPurchaseOrderAsPdf', (api, t) => api.getPurchaseOrderAsPdf(t, purchaseOrderId));
        },
        async getPurchaseOrdersPage(page, ifModifiedSince) {
          const body = await run('getPurchaseOrders', (api, t) =>
            api.getPurchaseOrders(t, ifModifiedSince, undefined, undefined, undefined, 'UpdatedDateUTC ASC', page, XERO_PAGE_SIZE),
          );
          return body.purchaseOrders ?? [];
        },
        async getPurchaseOrdersDated(date, page) {
          const body = await run('getPurchaseOrders', (api, t) => api.getPurchaseOrders(t, undefined, undefined, date, date, undefined, page, XERO_PAGE_SIZE));
          return body.purchaseOrders ?? [];
        },
        async createRepeatingInvoice(repeatingInvoice, idempotencyKey) {
          // summarizeErrors stays true: xero-node's RepeatingInvoice model drops ValidationErrors, so a refusal must come as a 400 to be read.
          const body = await run('createRepeatingInvoices', (api, t) =>
            api.createRepeatingInvoices(t, { repeatingInvoices: [repeatingInvoice] }, true, idempotencyKey),
          );
          return savedTemplate(body.repeatingInvoices?.[0], 'createRepeatingInvoices');
        },
        async getRepeatingInvoice(repeatingInvoiceId) {
          try {
            return (await run('getRepeatingInvoice', (api, t) => api.getRepeatingInvoice(t, repeatingInvoiceId))).repeatingInvoices?.[0] ?? null;
          } catch (error) {
            if (error instanceof XeroApiError && error.xeroStatus === 404) return null;
            throw error;
          }
        },
        async getRepeatingInvoices(where) {
          return (await run('getRepeatingInvoices', (api, t) => api.getRepeatingInvoices(t, where))).repeatingInvoices ?? [];
        },
        async deleteRepeatingInvoice(repeatingInvoiceId, idempotencyKey) {
          const deletion = { repeatingInvoiceID: repeatingInvoiceId, status: 'DELETED' } as unknown as RepeatingInvoice;
          const body = await run('updateRepeatingInvoice', (api, t) =>
            api.updateRepeatingInvoice(t, repeatingInvoiceId, { repeatingInvoices: [deletion] }, idempotencyKey),
          );
          return savedTemplate(body.repeatingInvoices?.[0], 'updateRepeatingInvoice');
        },
        async attachToRepeatingInvoice(repeatingInvoiceId, fileName, bytes, idempotencyKey) {
          await run('createRepeatingInvoiceAttachmentByFileName', (api, t) =>
            api.createRepeatingInvoiceAttachmentByFileName(t, repeatingInvoiceId, fileName, bytes, idempotencyKey),
          );
        },
      };
    },
  };
}

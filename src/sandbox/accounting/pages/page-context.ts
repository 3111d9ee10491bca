/**
 * What every accountant page works with: the signed-in visitor, one of their organisations (a store
 * bound to it), the sandbox clock, and `perform` to run an action in one transaction and announce its
 * webhook events once it has committed, exactly as an API call does.
 */
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import type { SandboxClock } from '../../identity-accounting-seam.js';
import type { ActionContext } from '../accountant-actions.js';
import { ElementRejected } from '../batch.js';
import type { ChangeEvent, ChangeSink } from '../http.js';
import type { OrganisationRow } from '../organisations.js';
import { TenantStore } from '../store.js';

/** The identity side's view of the browser's user (structurally its PageVisitor). */
export interface PageVisitor {
  email: string;
  csrfToken: string;
  tenantIds: string[];
}

export interface AccountantPagesDeps {
  db: Knex;
  clock: SandboxClock;
  /** The API's webhook dispatcher: page actions share its sequence numbers and deliveries. */
  changes: ChangeSink;
  visitor(req: Request): Promise<PageVisitor | undefined>;
  /** The sign-in page; `?next=<path>` brings the browser back afterwards. */
  signInPath: string;
}

export type ActionOutcome<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export class OrganisationPage {
  readonly store: TenantStore;
  readonly nowMs: number;

  constructor(
    readonly org: OrganisationRow,
    readonly visitor: PageVisitor,
    private readonly deps: AccountantPagesDeps,
    /** The Accounting API's public base, for the events' resourceUrl. */
    private readonly apiBase: string,
  ) {
    this.store = new TenantStore(deps.db, org.tenant_id);
    this.nowMs = deps.clock.now();
  }

  /** `/app/{ShortCode}`: where this organisation's pages live. */
  get base(): string {
    return `/app/${encodeURIComponent(this.org.short_code)}`;
  }

  /** Runs an action in one transaction; Xero's refusals come back as messages, nothing half-done. */
  async perform<T>(work: (store: TenantStore, ctx: ActionContext) => Promise<T>): Promise<ActionOutcome<T>> {
    const events: ChangeEvent[] = [];
    try {
      const value = await this.store.transaction((trx) => work(trx, { nowMs: this.nowMs, baseCurrency: this.org.base_currency, events }));
      if (events.length > 0) this.deps.changes.publish(this.org.tenant_id, events, this.apiBase);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ElementRejected) return { ok: false, errors: error.messages };
      throw error;
    }
  }
}

const PAGE = 'accountantPage';

export function setPage(res: Response, page: OrganisationPage): void {
  res.locals[PAGE] = page;
}

export function pageOf(res: Response): OrganisationPage {
  const page: unknown = res.locals[PAGE];
  if (!(page instanceof OrganisationPage)) throw new Error('accountant page used outside its organisation gate');
  return page;
}

/** A route parameter that can be a record id (Xero's ids are UUIDs). */
export const recordId = (req: Request, name = 'id'): string | undefined => {
  const value = req.params[name];
  return typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value) ? value.toLowerCase() : undefined;
};

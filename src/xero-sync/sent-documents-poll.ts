/**
 * The safety net under webhooks: every `intervalMs` (15 minutes) per connected organisation and per
 * document kind, ask Xero for the documents changed since the last poll (If-Modified-Since) and apply
 * the ones Ledgerside sent. Kinds plug in (`SentDocumentsKind`): sales invoices here, purchase orders
 * (which have no webhooks at all) and others register theirs. Calls go through the gateway, so the
 * pacer keeps them within the organisation's budget alongside the sends.
 *
 * Several processes may run it: the row per (organisation, kind) in `xero_sent_document_polls` is
 * claimed by moving `next_poll_at` forward with a conditional update, so one process polls it.
 * Nothing sent of a kind yet → no call at all.
 */
import type { Database } from '../db/database.js';
import { tenantDb, type TenantDb } from '../db/tenant-db.js';
import { dbTime, text, type DbRow } from '../db/row-values.js';
import type { Logger } from '../common/logger.js';
import type { Organisation } from '../common/tenancy.js';
import { organisationsRepository } from '../organisations/index.js';
import type { OrganisationGateway } from '../xero/index.js';

export interface SentDocumentsPollContext {
  tdb: TenantDb;
  organisation: Organisation;
  gateway: OrganisationGateway;
  /** If-Modified-Since for this poll. */
  since: Date;
  now: Date;
}

export interface SentDocumentsPollResult {
  /** Documents Xero reported changed (all, not only Ledgerside's). */
  seen: number;
  /** Ledgerside documents updated from them. */
  updated: number;
  /** The newest UpdatedDateUTC seen: the next poll asks from there. Null: ask from the same time again. */
  newest: Date | null;
}

export interface SentDocumentsKind {
  /** 'sales_order', 'purchase_order'… (the row key). */
  kind: string;
  /** When the organisation first sent a document of this kind; null: none sent, so nothing to poll. */
  firstSentAt(tdb: TenantDb): Promise<Date | null>;
  /** Ask Xero (through `ctx.gateway`, paging as needed) and apply what changed to the documents Ledgerside sent. */
  poll(ctx: SentDocumentsPollContext): Promise<SentDocumentsPollResult>;
}

export interface SentDocumentsPollDeps {
  db: Database;
  gatewayFor(organisation: Organisation): OrganisationGateway;
  kinds: SentDocumentsKind[];
  logger: Logger;
  intervalMs?: number;
  /** How often the timer looks for due polls. */
  tickMs?: number;
  now?: () => Date;
}

export const SENT_DOCUMENTS_POLL_INTERVAL_MS = 15 * 60_000;
const TABLE = 'xero_sent_document_polls';

export function sentDocumentsPoll(deps: SentDocumentsPollDeps) {
  const now = deps.now ?? (() => new Date());
  const intervalMs = deps.intervalMs ?? SENT_DOCUMENTS_POLL_INTERVAL_MS;
  const organisations = organisationsRepository(deps.db);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  /** Takes the (organisation, kind) poll if it is due (or `force`): answers its If-Modified-Since, or undefined when another process has it or it is not due. */
  async function claim(tdb: TenantDb, kind: SentDocumentsKind, at: Date, force: boolean): Promise<{ since: Date | null } | undefined> {
    const row: DbRow | undefined = await tdb.from(TABLE).where('kind', kind.kind).first();
    const next = dbTime(new Date(at.getTime() + intervalMs));
    if (!row) {
      try {
        await tdb.insert(TABLE, { kind: kind.kind, next_poll_at: next, modified_since: null });
      } catch {
        return undefined; // another process inserted it first
      }
      return { since: null };
    }
    const due = text(row, 'next_poll_at') ?? '';
    if (!force && due > dbTime(at)) return undefined;
    const taken = await tdb.update(TABLE, { kind: kind.kind, next_poll_at: due }, { next_poll_at: next });
    if (taken !== 1) return undefined;
    const since = text(row, 'modified_since');
    return { since: since ? new Date(since) : null };
  }

  async function pollOne(organisation: Organisation, kind: SentDocumentsKind, force: boolean): Promise<SentDocumentsPollResult | null> {
    const tdb = tenantDb(deps.db, organisation.id);
    const at = now();
    const claimed = await claim(tdb, kind, at, force);
    if (!claimed) return null;
    const since = claimed.since ?? (await kind.firstSentAt(tdb));
    if (!since) return null;
    try {
      const result = await kind.poll({ tdb, organisation, gateway: deps.gatewayFor(organisation), since, now: at });
      const newest = result.newest && result.newest > since ? result.newest : since;
      await tdb.update(
        TABLE,
        { kind: kind.kind },
        { modified_since: dbTime(newest), last_polled_at: dbTime(at), last_result: JSON.stringify({ seen: result.seen, updated: result.updated }) },
      );
      deps.logger.info({ organisationId: organisation.id, kind: kind.kind, ...result }, 'xero sent documents polled');
      return result;
    } catch (error) {
      // The next tick tries again at its time; the webhook path is unaffected.
      await tdb.update(
        TABLE,
        { kind: kind.kind },
        { last_polled_at: dbTime(at), last_result: JSON.stringify({ error: error instanceof Error ? error.message : String(error) }) },
      );
      deps.logger.warn({ organisationId: organisation.id, kind: kind.kind, err: error }, 'xero sent documents poll failed');
      return null;
    }
  }

  /** Every connected organisation's due polls. */
  async function runDue(): Promise<void> {
    for (const organisation of await organisations.connectedOrganisations()) {
      for (const kind of deps.kinds) await pollOne(organisation, kind, false);
    }
  }

  return {
    runDue,
    /** Polls one organisation now, whatever its schedule (tests, scripts). */
    async pollNow(organisationId: string): Promise<Array<SentDocumentsPollResult | null>> {
      const organisation = await organisations.findOrganisation(organisationId);
      if (!organisation || organisation.status !== 'connected') return [];
      const out: Array<SentDocumentsPollResult | null> = [];
      for (const kind of deps.kinds) out.push(await pollOne(organisation, kind, true));
      return out;
    },
    start(): void {
      if (timer) return;
      timer = setInterval(() => {
        running = running.then(runDue).catch((error: unknown) => deps.logger.error({ err: error }, 'xero sent documents poll could not run'));
      }, deps.tickMs ?? 60_000);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

export type SentDocumentsPoll = ReturnType<typeof sentDocumentsPoll>;

/**
 * The organisation's Xero contacts, held by this process for a large bulk run's matching: read once
 * 1,000 a call (summary fields, archived included), then only what changed (If-Modified-Since the newest
 * UpdatedDateUTC seen) when the copy is older than `refreshMs` and a batch needs it. A batch of new
 * customers then costs no lookup call at all: its candidates (same name, same email, same normalised
 * name) come from the copy, and the shared decision (`decideContactMatch`) is taken as with a lookup.
 *
 * Honest limits: a contact created in Xero by someone else less than `refreshMs` ago may be missing.
 * For the exact name that cannot make a duplicate (Xero refuses a second active contact of a name, and
 * the batch then looks it up and links it); a probable match or a shared email made in that minute is not
 * asked about. An organisation with more than `maxPages` × 1,000 contacts is not copied (`null`: the
 * batch looks its contacts up instead), since reading it would cost more calls than it saves.
 */
import type { Contact as XeroContact } from 'xero-node';
import { exactNameKey, matchCandidates, normaliseContactName, type MatchCandidate, type OrganisationGateway } from '../xero/index.js';

/**
 * Runs of at least this many records match new contacts against the copy instead of two lookups per
 * batch: from 10 batches on the lookups cost 20 calls or more, while the copy costs one call per 1,000
 * of the organisation's contacts (at most `maxPages`) and one a minute while the run needs it.
 */
export const CONTACT_INDEX_FROM = 500;

export interface ContactIndex {
  /**
   * The Xero contacts that could match these (same name, same email, same name normalised), from a copy
   * at most `refreshMs` old; null when the organisation has too many contacts to copy.
   */
  candidatesFor(
    organisationId: string,
    gateway: OrganisationGateway,
    contacts: ReadonlyArray<{ name: string; email: string | null }>,
  ): Promise<MatchCandidate[] | null>;
  /** Contacts Xero just answered with (created, linked, looked up): known at once, without a read. */
  remember(organisationId: string, contacts: readonly XeroContact[]): void;
}

interface Copy {
  byId: Map<string, { candidate: MatchCandidate; keys: string[] }>;
  byKey: Map<string, Set<string>>;
  readAt: number;
  newest: number;
  tooLarge: boolean;
}

const PAGE = 1_000;

const keysOf = (name: string, email: string | null): string[] => {
  const keys = [`n:${exactNameKey(name)}`];
  const probable = normaliseContactName(name);
  if (probable) keys.push(`p:${probable}`);
  if (email?.trim()) keys.push(`e:${email.trim().toLowerCase()}`);
  return keys;
};

const timeOf = (value: unknown): number => {
  const t = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(t) ? t : 0;
};

/** `read`: from a read of Xero's list (its newest change is where the next read starts), not from a batch's own answers. */
function put(copy: Copy, contacts: readonly XeroContact[], read: boolean): void {
  const candidates = new Map(matchCandidates(contacts).map((c) => [c.contactId, c]));
  if (read) for (const c of contacts) copy.newest = Math.max(copy.newest, timeOf(c.updatedDateUTC));
  for (const candidate of candidates.values()) {
    const old = copy.byId.get(candidate.contactId);
    for (const key of old?.keys ?? []) copy.byKey.get(key)?.delete(candidate.contactId);
    const keys = keysOf(candidate.name, candidate.email);
    copy.byId.set(candidate.contactId, { candidate, keys });
    for (const key of keys) {
      const ids = copy.byKey.get(key) ?? new Set<string>();
      ids.add(candidate.contactId);
      copy.byKey.set(key, ids);
    }
  }
}

export function contactIndex(options: { refreshMs?: number; maxPages?: number; now?: () => number } = {}): ContactIndex {
  const refreshMs = options.refreshMs ?? 60_000;
  const maxPages = options.maxPages ?? 10;
  const now = options.now ?? Date.now;
  const copies = new Map<string, Copy>();
  /** One read at a time per organisation: batches arriving meanwhile wait for it. */
  const reading = new Map<string, Promise<Copy>>();

  async function read(organisationId: string, gateway: OrganisationGateway, previous: Copy | undefined): Promise<Copy> {
    const startedAt = now();
    const copy: Copy = previous ?? { byId: new Map(), byKey: new Map(), readAt: 0, newest: 0, tooLarge: false };
    // Xero's If-Modified-Since has whole seconds: a second back, so nothing changed in the same second is missed.
    const since = previous && previous.newest ? new Date(previous.newest - 1_000) : undefined;
    for (let page = 1; ; page++) {
      if (!previous && page > maxPages) {
        copy.tooLarge = true;
        break;
      }
      const contacts = await gateway.getContactSummaries(page, since);
      put(copy, contacts, true);
      if (contacts.length < PAGE) break;
    }
    copy.readAt = startedAt;
    copies.set(organisationId, copy);
    return copy;
  }

  async function fresh(organisationId: string, gateway: OrganisationGateway): Promise<Copy> {
    const copy = copies.get(organisationId);
    if (copy && (copy.tooLarge || now() - copy.readAt < refreshMs)) return copy;
    let pending = reading.get(organisationId);
    if (!pending) {
      pending = read(organisationId, gateway, copy).finally(() => reading.delete(organisationId));
      reading.set(organisationId, pending);
    }
    return pending;
  }

  return {
    async candidatesFor(organisationId, gateway, contacts) {
      const copy = await fresh(organisationId, gateway);
      if (copy.tooLarge) return null;
      const ids = new Set<string>();
      for (const c of contacts) for (const key of keysOf(c.name, c.email)) for (const id of copy.byKey.get(key) ?? []) ids.add(id);
      return [...ids].map((id) => copy.byId.get(id)!.candidate);
    },
    remember(organisationId, contacts) {
      const copy = copies.get(organisationId);
      if (copy && !copy.tooLarge) put(copy, contacts, false);
    },
  };
}

/**
 * Pure: finding a CRM contact's counterpart in Xero before creating one, so nothing is duplicated.
 * - `normaliseContactName`: the key that makes "ACME Limited" and "Acme Ltd" a probable match.
 * - `nameLookup` / `emailLookup` / `exactLookups` / `probableLookup`: the GET /Contacts queries that
 *   fetch the candidates (always with includeArchived=true, so archived ones can be named).
 * - `decideContactMatch`: from the candidates Xero returned, what to do: update, ask, create, or stop
 *   because the linked Xero contact is archived.
 */
import type { Contact } from 'xero-node';

/** Company suffixes dropped at the end of a name for probable matches (with their spelled-out forms). */
export const COMPANY_SUFFIXES: readonly string[] = ['ltd', 'limited', 'pty', 'proprietary', 'inc', 'incorporated', 'llc', 'gmbh', 'co', 'company'];
const SUFFIXES = new Set(COMPANY_SUFFIXES);

/**
 * Case, accents, punctuation and whitespace ignored, company suffixes dropped from the end:
 * "ACME Limited" → "acme", "Acme Pty. Ltd" → "acme", "Smith & Co." → "smith", "O'Brien Ltd" → "obrien".
 * Apostrophes and dots join (A.C.M.E. → acme); other punctuation separates words. A name that is only
 * suffixes keeps them ("Co" → "co"), so it is never empty when the name has letters or digits.
 */
export function normaliseContactName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`.]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let end = words.length;
  while (end > 1 && SUFFIXES.has(words[end - 1]!)) {
    end--;
    // "Smith & Co" / "Smith and Company": the "and" belongs to the suffix.
    if (end > 1 && words[end - 1] === 'and') end--;
  }
  return words.slice(0, end).join(' ');
}

/** Xero's rule for unique names among active contacts: trimmed, case ignored. */
export const exactNameKey = (name: string): string => name.trim().toLowerCase();
const emailKey = (email: string): string => email.trim().toLowerCase();

// ---- Lookups -------------------------------------------------------------------------------------

/**
 * One GET /Contacts query: a `where` filter, or a `searchTerm` (Xero: case-insensitive text search over
 * Name, FirstName, LastName, ContactNumber and EmailAddress) when the value cannot be put in a `where`
 * string. Either way the result is a superset: `decideContactMatch` compares the values itself.
 */
export type XeroContactLookup = { where: string } | { searchTerm: string };

/**
 * `Field=="value"`, or null when the value holds a double quote or a backslash: Xero's `where` parser
 * has no escape for them that is known to work (a backslash-escaped quote is a QueryParseException,
 * "Syntax error": XeroAPI/Xero-Java#347), so such values are looked up by `searchTerm` instead.
 */
export function whereEquals(field: 'Name' | 'EmailAddress', value: string): string | null {
  if (/["\\]/.test(value)) return null;
  return `${field}=="${value}"`;
}

/** The contact with this name (active or archived). */
export function nameLookup(name: string): XeroContactLookup {
  const where = whereEquals('Name', name.trim());
  return where ? { where } : { searchTerm: name.trim() };
}

/** The contacts with this email address. */
export function emailLookup(email: string): XeroContactLookup {
  const where = whereEquals('EmailAddress', email.trim());
  return where ? { where } : { searchTerm: email.trim() };
}

/**
 * The queries for the exact steps (same name, then same email): one call (`Name=="…" OR
 * EmailAddress=="…"`) when both values fit a `where`, otherwise one query each.
 */
export function exactLookups(contact: { name: string; email: string | null }): XeroContactLookup[] {
  const email = contact.email?.trim() || null;
  const byName = whereEquals('Name', contact.name.trim());
  const byEmail = email === null ? null : whereEquals('EmailAddress', email);
  if (email === null) return [nameLookup(contact.name)];
  if (byName && byEmail) return [{ where: `${byName} OR ${byEmail}` }];
  return [nameLookup(contact.name), emailLookup(email)];
}

/**
 * The query for probable matches: a `searchTerm` of the longest word of the normalised name (Xero's
 * search ignores case; `where` comparisons cannot drop suffixes or punctuation). Null when the name
 * has no word to search by.
 */
export function probableLookup(name: string): XeroContactLookup | null {
  const words = normaliseContactName(name).split(' ').filter(Boolean);
  const longest = words.reduce<string | null>((best, w) => (best === null || w.length > best.length ? w : best), null);
  return longest === null ? null : { searchTerm: longest };
}

// ---- The decision --------------------------------------------------------------------------------

export type XeroContactStatus = 'ACTIVE' | 'ARCHIVED' | 'GDPRREQUEST';

export interface MatchCandidate {
  contactId: string;
  name: string;
  email: string | null;
  status: XeroContactStatus;
  /** Set by Xero on a contact merged into another (such a contact is archived). */
  mergedToContactId: string | null;
}

export interface ContactToMatch {
  name: string;
  email: string | null;
  /** The ContactID stored from an earlier send or link; null when never linked. */
  storedContactId: string | null;
}

/** Archived (or GDPR-erased) Xero contacts that matched by name or email and were deliberately not reused. */
interface WithSkipped {
  archivedSkipped: MatchCandidate[];
  /** For the user: what will happen and why, naming any archived contact that was not reused. */
  message: string;
}

export type ContactMatchDecision =
  /** Update this Xero contact; `link` says the ContactID is new to Ledgerside and must be stored. */
  | ({ action: 'update'; contactId: string; by: 'stored-id' | 'name' | 'email'; link: boolean } & WithSkipped)
  /** Show the candidates; the user chooses Link (one of them) or Create new. */
  | ({ action: 'ask'; candidates: MatchCandidate[]; by: 'email' | 'probable-name' } & WithSkipped)
  | ({ action: 'create' } & WithSkipped)
  /** The linked Xero contact is archived: the send stops, nothing is reused or created silently. */
  | { action: 'archived'; contactId: string; candidate: MatchCandidate; message: string };

/** The SDK's contacts as candidates (enums read as text; records without an id or name skipped; duplicates removed). */
export function matchCandidates(contacts: readonly Contact[]): MatchCandidate[] {
  const seen = new Map<string, MatchCandidate>();
  for (const c of contacts) {
    const contactId = c.contactID?.trim().toLowerCase();
    const name = c.name?.trim();
    if (!contactId || !name || seen.has(contactId)) continue;
    const status = String(c.contactStatus ?? 'ACTIVE');
    seen.set(contactId, {
      contactId,
      name,
      email: c.emailAddress?.trim() || null,
      status: status === 'ARCHIVED' || status === 'GDPRREQUEST' ? status : 'ACTIVE',
      mergedToContactId: c.mergedToContactID?.trim().toLowerCase() || null,
    });
  }
  return [...seen.values()];
}

const quoted = (c: MatchCandidate): string => `“${c.name}”`;

function skippedNote(skipped: MatchCandidate[]): string {
  if (skipped.length === 0) return '';
  const names = skipped.map(quoted).join(', ');
  const one = skipped.length === 1;
  return ` ${one ? 'The Xero contact' : 'The Xero contacts'} ${names} ${one ? 'matches' : 'match'} but ${one ? 'is' : 'are'} archived in Xero, so ${one ? 'it is' : 'they are'} not reused.`;
}

/**
 * The match ladder: the stored ContactID (update it, unless it is archived in Xero: then stop and say
 * so); else the active Xero contact with exactly this name (Xero's names are unique among active
 * contacts, case ignored); else the one active contact with this email address (several: ask); else
 * active contacts whose normalised name is the same (ask: Link or Create new); else create.
 * Archived candidates are never chosen; the ones matching by name or email are named in the message.
 * A stored ContactID with no candidate of that id is trusted (the caller need not fetch it first).
 */
export function decideContactMatch(contact: ContactToMatch, candidates: readonly MatchCandidate[]): ContactMatchDecision {
  const stored = contact.storedContactId?.trim().toLowerCase() || null;
  if (stored) {
    const linked = candidates.find((c) => c.contactId === stored);
    if (linked && linked.status !== 'ACTIVE') {
      const merged = linked.mergedToContactId ? ' (it was merged into another contact there)' : '';
      return {
        action: 'archived',
        contactId: stored,
        candidate: linked,
        message: `This contact is linked to ${quoted(linked)}, which is archived in Xero${merged}. Restore it in Xero and send again, or unlink it to create a new Xero contact.`,
      };
    }
    return { action: 'update', contactId: stored, by: 'stored-id', link: false, archivedSkipped: [], message: 'The linked Xero contact is updated.' };
  }

  const nameKey = exactNameKey(contact.name);
  const email = contact.email?.trim() ? emailKey(contact.email) : null;
  const probableKey = normaliseContactName(contact.name);
  const byName = (c: MatchCandidate) => exactNameKey(c.name) === nameKey;
  const byEmail = (c: MatchCandidate) => email !== null && c.email !== null && emailKey(c.email) === email;
  const byProbable = (c: MatchCandidate) => probableKey !== '' && normaliseContactName(c.name) === probableKey;
  const active = candidates.filter((c) => c.status === 'ACTIVE');
  const archivedSkipped = candidates.filter((c) => c.status !== 'ACTIVE' && (byName(c) || byEmail(c) || byProbable(c)));
  const note = skippedNote(archivedSkipped);

  const sameName = active.find(byName);
  if (sameName) {
    return {
      action: 'update',
      contactId: sameName.contactId,
      by: 'name',
      link: true,
      archivedSkipped,
      message: `Linked to the Xero contact ${quoted(sameName)}, which has the same name.${note}`,
    };
  }
  const sameEmail = active.filter(byEmail);
  if (sameEmail.length === 1) {
    const [only] = sameEmail as [MatchCandidate];
    return {
      action: 'update',
      contactId: only.contactId,
      by: 'email',
      link: true,
      archivedSkipped,
      message: `Linked to the Xero contact ${quoted(only)}, which has the same email address.${note}`,
    };
  }
  if (sameEmail.length > 1) {
    return {
      action: 'ask',
      by: 'email',
      candidates: sameEmail,
      archivedSkipped,
      message: `Several Xero contacts have this email address: link one of them, or create a new Xero contact.${note}`,
    };
  }
  const probable = active.filter(byProbable);
  if (probable.length > 0) {
    return {
      action: 'ask',
      by: 'probable-name',
      candidates: probable,
      archivedSkipped,
      message: `Xero has ${probable.length === 1 ? 'a contact' : 'contacts'} with a similar name: link ${probable.length === 1 ? 'it' : 'one of them'}, or create a new Xero contact.${note}`,
    };
  }
  return { action: 'create', archivedSkipped, message: `No matching contact in Xero: a new one is created.${note}` };
}

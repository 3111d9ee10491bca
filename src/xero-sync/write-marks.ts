/**
 * The write marks of one attempt. An operation is marked write-started just before a create call, so
 * that a lost answer is reconciled by a lookup before anything is sent again. A mark is tied to the
 * gateway call made next; when every call an operation was marked for in this attempt provably never
 * reached Xero's write (Xero's 429, 401, 403, 404, 413, our pacer or connection refusing to start it),
 * the mark is taken back to what it was when the attempt began, so the retry does not look up what
 * cannot exist. Any other end (an answer, a timeout, a dropped connection, a 5xx, a 400, a crash) keeps it.
 */
import { XeroApiError, XeroCallsPausedError, XeroNotConnectedError, XeroReconsentRequiredError } from '../xero/index.js';
import type { OrganisationGateway } from '../xero/index.js';

/** Xero's statuses that answer before anything is processed (400 is not one: a batch may be partly saved). */
const REFUSED_BEFORE_PROCESSING = new Set([401, 403, 404, 405, 413, 415, 429]);

/** Did this error prove that the call never reached Xero's write? */
export function provesNothingWritten(error: unknown): boolean {
  if (error instanceof XeroCallsPausedError || error instanceof XeroNotConnectedError || error instanceof XeroReconsentRequiredError) return true;
  return error instanceof XeroApiError && error.xeroStatus !== undefined && REFUSED_BEFORE_PROCESSING.has(error.xeroStatus);
}

export interface WriteMarks {
  /** The operations just marked; the next gateway call carries their write. */
  marked(operationIds: readonly string[]): void;
  /** The gateway with every method call tied to the marks made before it. */
  watch(gateway: OrganisationGateway): OrganisationGateway;
  /** Operations marked in this attempt whose every marked call provably wrote nothing (none still in flight). */
  takenBack(): string[];
}

export function writeMarks(): WriteMarks {
  /** Marked since the last call started: they belong to the next one. */
  let next: string[] = [];
  const marked = new Set<string>();
  /** Per operation, its marked calls that answered, are still going, or ended in a way that proves nothing. */
  const kept = new Map<string, number>();
  return {
    marked(operationIds) {
      for (const id of operationIds) marked.add(id);
      next.push(...operationIds);
    },
    watch(gateway) {
      return new Proxy(gateway, {
        get(target, prop, receiver) {
          const value: unknown = Reflect.get(target, prop, receiver);
          if (typeof value !== 'function' || prop === 'callsLeftToday') return value;
          return (...args: unknown[]) => {
            const carried = next;
            next = [];
            // Kept until the call proves otherwise (a call still going when the attempt ends keeps its marks).
            for (const id of carried) kept.set(id, (kept.get(id) ?? 0) + 1);
            const result = (value as (...a: unknown[]) => unknown).apply(target, args);
            if (carried.length === 0 || !(result instanceof Promise)) return result;
            return result.catch((error: unknown) => {
              if (provesNothingWritten(error)) for (const id of carried) kept.set(id, (kept.get(id) ?? 1) - 1);
              throw error;
            });
          };
        },
      });
    },
    takenBack() {
      return [...marked].filter((id) => !kept.get(id));
    },
  };
}

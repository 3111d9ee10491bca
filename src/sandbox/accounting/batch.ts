/**
 * Xero's batch semantics for PUT/POST of a collection: each element is saved in its own transaction
 * (a failed element leaves nothing behind, valid ones are kept). By default any failure turns the
 * whole response into a 400 ValidationException listing the failed elements; with
 * summarizeErrors=false it is a 200 with a status on every element.
 */
import type { ApiCall, ChangeEvent } from './http.js';
import type { ApiReply } from './reply.js';
import type { TenantStore } from './store.js';
import type { JsonObject } from './types.js';
import { validationException } from './wire.js';

/** Thrown by a save to reject its element with Xero's validation messages. */
export class ElementRejected extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join('; '));
  }
}

export function reject(...messages: string[]): never {
  throw new ElementRejected(messages);
}

/** Saves one element; announces its changes in `events`, which count only if the save commits. */
export type SaveOne = (store: TenantStore, element: JsonObject, events: ChangeEvent[]) => Promise<JsonObject>;

interface Outcome {
  element: JsonObject;
  saved?: JsonObject;
  errors: string[];
}

/** Which flag Xero sets on an element with errors, per collection. */
const ERROR_FLAG: Record<string, string> = {
  Invoices: 'HasErrors',
  CreditNotes: 'HasErrors',
  Contacts: 'HasValidationErrors',
  Payments: 'HasValidationErrors',
};

export async function runBatch(call: ApiCall, collection: string, elements: JsonObject[], save: SaveOne): Promise<ApiReply> {
  const outcomes: Outcome[] = [];
  for (const element of elements) {
    try {
      const events: ChangeEvent[] = [];
      const saved = await call.store.transaction((trx) => save(trx, element, events));
      call.events.push(...events);
      outcomes.push({ element, saved, errors: [] });
    } catch (error) {
      if (!(error instanceof ElementRejected)) throw error;
      outcomes.push({ element, errors: error.messages });
    }
  }
  const flag = ERROR_FLAG[collection];
  const failed = outcomes.filter((o) => o.errors.length > 0);
  if (failed.length > 0 && call.query.bool('summarizeErrors') !== false) {
    const body = validationException(failed.map((o) => withErrors(o, flag))).body;
    return typeof body === 'string' ? { status: 400, text: body } : { status: 400, json: body };
  }
  const items = outcomes.map((o) => (o.saved ? { ...o.saved, StatusAttributeString: 'OK', ...(flag ? { [flag]: false } : {}) } : withErrors(o, flag)));
  return call.ok(collection, items);
}

function withErrors(outcome: Outcome, flag: string | undefined): JsonObject {
  return {
    ...outcome.element,
    StatusAttributeString: 'ERROR',
    ...(flag ? { [flag]: true } : {}),
    ValidationErrors: outcome.errors.map((Message) => ({ Message })),
  };
}

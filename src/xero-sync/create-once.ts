/**
 * A create in Xero that a lost answer may already have made. Xero can save a record and the answer never
 * arrive (a dropped connection, a timeout, a process that died mid-call); the Idempotency-Key replays the
 * answer for a few minutes only. So when an earlier attempt of this operation started a write and never
 * heard back (`ctx.earlierWriteStarted`), the record is looked up in Xero first (`find`: by the reference
 * Ledgerside gave it) and, when found, taken as this send's answer; otherwise the write start is marked
 * and `create` runs. Used by every record kind that creates a document (sales invoices, purchase
 * orders); contacts find theirs by name in their own decision (contact-send.ts).
 */
import type { SendContext } from './send-context.js';

export async function createOnce<T>(
  ctx: Pick<SendContext, 'earlierWriteStarted' | 'markWriteStarted'>,
  steps: { find(): Promise<T | null | undefined>; create(): Promise<T> },
): Promise<{ record: T; found: boolean }> {
  if (ctx.earlierWriteStarted) {
    const found = await steps.find();
    if (found) return { record: found, found: true };
  }
  await ctx.markWriteStarted();
  return { record: await steps.create(), found: false };
}

/** The done message's ending for a create confirmed by the lookup. */
export const CONFIRMED_AFTER_LOST_ANSWER = ' (confirmed after Xero’s answer was lost)';

/**
 * Parts of a record page that other capabilities own, for the record pages outside the document kit
 * (contacts, projects; the kit has its own page panels with places). The page's route calls them only
 * after it has loaded the record through the organisation's handle, so a panel never sees an id that is
 * malformed or another organisation's. `views/partials/record-panels.ejs` renders them, in order.
 */
import type { RequestContext } from './request-context.js';

/** A template under views/ (e.g. 'audit/history') and the locals it reads; `place` 'main' (where the page puts its own parts, e.g. a contact's Xero panel) or 'end' (the default). */
export interface RecordPanelView {
  partial: string;
  locals: Record<string, unknown>;
  place?: 'main' | 'end';
}

/** One capability's part of a record page, given the record the page loaded; null when it has nothing to show for this record. */
export type RecordPanel<R extends { id: string } = { id: string }> = (ctx: RequestContext, record: R) => Promise<RecordPanelView | null>;

export async function renderRecordPanels<R extends { id: string }>(
  panels: readonly RecordPanel<R>[],
  ctx: RequestContext,
  record: R,
): Promise<RecordPanelView[]> {
  return (await Promise.all(panels.map((panel) => panel(ctx, record)))).filter((view): view is RecordPanelView => view !== null);
}

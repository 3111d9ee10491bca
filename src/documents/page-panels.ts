/**
 * Page panels: the parts of a document's record page that other capabilities own (a sales order's Xero
 * invoice, its purchase orders, its contract; a purchase order's Xero panel). The kit calls each panel
 * only after it has loaded the record through the organisation's handle, so a panel never sees an id
 * that is malformed or another organisation's: it gets the loaded document and says what to show.
 */
import type { RequestContext } from '../http/request-context.js';

/**
 * Where a panel goes on the record page: `actions` among the header's buttons, `details` under the
 * record's details, `end` below its lines (before the status buttons).
 */
export const PANEL_PLACES = ['actions', 'details', 'end'] as const;
export type PanelPlace = (typeof PANEL_PLACES)[number];

/** A template under views/ (e.g. 'xero-sync/document-panel') and the locals it reads. */
export interface PanelView {
  place: PanelPlace;
  partial: string;
  locals: Record<string, unknown>;
}

/** One capability's part of a record page; null when it has nothing to show for this record. */
export type PagePanel<D> = (ctx: RequestContext, doc: D) => Promise<PanelView | null>;

/** What `views/documents/page-panels.ejs` renders: each place's panels, in the order they were given. */
export type PanelsByPlace = Record<PanelPlace, PanelView[]>;

export async function renderPanels<D>(panels: readonly PagePanel<D>[], ctx: RequestContext, doc: D): Promise<PanelsByPlace> {
  const views = await Promise.all(panels.map((panel) => panel(ctx, doc)));
  const byPlace: PanelsByPlace = { actions: [], details: [], end: [] };
  for (const view of views) if (view) byPlace[view.place].push(view);
  return byPlace;
}

/** The shared panel of a document sent to Xero (sales invoices, contracts, purchase orders): `views/xero-sync/document-panel.ejs`. */
import type { OperationView } from './sync-log-view-model.js';

export interface SentDocumentPanel {
  heading: string;
  /** The Send to Xero form (label: "Send to Xero"). */
  sendAction: string;
  /** Checkboxes inside the Send to Xero form (e.g. a contract's files to attach). */
  sendChoices?: Array<{ name: string; value: string; label: string; checked: boolean }>;
  /** A line under the Send to Xero form. */
  sendNote?: string;
  /** What the panel says before the first send (default: the invoice's words). */
  notSentHint?: string;
  sent: boolean;
  statusLabel: string;
  statusClass: string;
  /** "Sent 3 Dec 2026 10:42 UTC; changed since". */
  sentNote: string;
  changedSince: boolean;
  xeroHref: string | null;
  pdfHref: string | null;
  refreshAction: string | null;
  details: Array<{ term: string; value: string; className?: string }>;
  /** Xero no longer allows changes: the plain-words reason and what can be done. */
  notice: { message: string; advice: string } | null;
  /** Extra buttons (e.g. Create a new invoice): a POST form each. */
  actions: Array<{ label: string; action: string; confirm?: string }>;
  /** `numColumns`: the indexes of its amount columns (right-aligned). */
  table: { caption: string; headers: string[]; rows: string[][]; empty: string; numColumns?: number[] } | null;
  readNote: string;
  operations: OperationView[];
  pollIds: string;
  returnTo: string;
  sendsHref: string;
}

/**
 * Plain renderings of a document for its PDF and the sandbox's web pages (deep links, online invoice).
 */
import { isJsonObject, type JsonObject } from './types.js';

export function documentLines(title: string, doc: JsonObject, numberField: string): string[] {
  const contact = isJsonObject(doc['Contact']) ? String(doc['Contact']['Name'] ?? '') : '';
  const lines = [
    `${title} ${String(doc[numberField] ?? '')}`.trim(),
    `To: ${contact}`,
    `Date: ${String(doc['Date'] ?? '').slice(0, 10)}${doc['DueDate'] ? `   Due: ${String(doc['DueDate']).slice(0, 10)}` : ''}`,
    `Reference: ${String(doc['Reference'] ?? '')}`,
    `Status: ${String(doc['Status'] ?? '')}`,
    '',
  ];
  const items = Array.isArray(doc['LineItems']) ? doc['LineItems'].filter(isJsonObject) : [];
  for (const l of items) {
    lines.push(`${String(l['Description'] ?? '')}  ${String(l['Quantity'] ?? '')} x ${String(l['UnitAmount'] ?? '')} = ${String(l['LineAmount'] ?? '')}`);
  }
  lines.push(
    '',
    `Subtotal: ${String(doc['SubTotal'] ?? '')}`,
    `Tax: ${String(doc['TotalTax'] ?? '')}`,
    `Total ${String(doc['CurrencyCode'] ?? '')}: ${String(doc['Total'] ?? '')}`,
  );
  if (doc['AmountDue'] !== undefined) lines.push(`Amount due: ${String(doc['AmountDue'])}`);
  return lines;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function htmlPage(title: string, lines: string[]): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body><main><h1>${escapeHtml(title)}</h1>\n${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}\n</main></body></html>\n`;
}

/**
 * A sales document as a PDF to send to the customer (a quote; any kind that names a `pdf` in its routes
 * spec): the organisation and the customer with their addresses, the document's number and dates, its
 * lines with quantity, unit price, discount, tax rate and amount, and the totals the way Xero computes
 * them. Pure apart from pdfkit: plain data in, PDF bytes out.
 */
import PDFDocument from 'pdfkit';
import { formatAmount, formatPercent, formatQuantity, formatUnitPrice } from '../common/money.js';
import { LINE_AMOUNT_TYPE_LABELS } from './document-schema.js';
import type { DocumentAmounts, DocumentLine } from './lines.js';

export interface PdfParty {
  name: string;
  /** Address lines ("12 Main St", "Wellington 6011"); empty when none is recorded. */
  address: string[];
  taxNumber?: string | null;
}

export interface DocumentPdfInput {
  /** 'Quote'. */
  heading: string;
  number: string;
  /** Label and formatted value, in order: [['Date', '1 Dec 2026'], ['Expires', '31 Dec 2026']]. */
  facts: [string, string][];
  from: PdfParty;
  to: PdfParty;
  currency: string;
  lines: readonly DocumentLine[];
  amounts: DocumentAmounts;
  /** Labels of the lines' tax rates by tax type. */
  taxLabels: ReadonlyMap<string, string>;
  notes: string | null;
}

const MARGIN = 50;
const INK = '#111827';
const TEXT = '#1f2937';
const MUTED = '#6b7280';

export function documentPdf(input: DocumentPdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `${input.heading} ${input.number}`, Author: input.from.name, Subject: `${input.heading} for ${input.to.name}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN * 2;

  // Header: the organisation on the left, the document's title, number and dates on the right.
  const top = doc.y;
  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .fillColor(INK)
    .text(input.from.name, MARGIN, top, { width: width * 0.55 });
  doc.font('Helvetica').fontSize(9).fillColor(MUTED);
  for (const line of input.from.address) doc.text(line, { width: width * 0.55 });
  if (input.from.taxNumber) doc.text(`Tax number: ${input.from.taxNumber}`, { width: width * 0.55 });
  const leftBottom = doc.y;
  const right = MARGIN + width * 0.6;
  doc
    .font('Helvetica-Bold')
    .fontSize(22)
    .fillColor(INK)
    .text(input.heading.toUpperCase(), right, top, { width: width * 0.4, align: 'right' });
  doc.moveDown(0.3).fontSize(10).fillColor(TEXT);
  for (const [label, value] of [['Number', input.number] as [string, string], ...input.facts]) {
    const y = doc.y;
    doc.font('Helvetica-Bold').text(label, right, y, { width: width * 0.15 });
    const below = doc.y;
    doc.font('Helvetica').text(value, right + width * 0.15, y, { width: width * 0.25, align: 'right' });
    doc.y = Math.max(below, doc.y);
  }
  doc.x = MARGIN;
  doc.y = Math.max(leftBottom, doc.y) + 18;

  // The customer.
  doc.font('Helvetica-Bold').fontSize(9).fillColor(MUTED).text('FOR');
  doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(input.to.name);
  doc.font('Helvetica').fontSize(10).fillColor(TEXT);
  for (const line of input.to.address) doc.text(line);
  if (input.to.taxNumber) doc.text(`Tax number: ${input.to.taxNumber}`);
  doc.moveDown(1.2);

  // Lines.
  const hasDiscount = input.lines.some((l) => l.discountRate !== 0);
  const cols = [
    { label: 'Description', width: hasDiscount ? 0.32 : 0.4, align: 'left' as const },
    { label: 'Qty', width: 0.09, align: 'right' as const },
    { label: 'Unit price', width: 0.14, align: 'right' as const },
    ...(hasDiscount ? [{ label: 'Disc.', width: 0.08, align: 'right' as const }] : []),
    { label: 'Tax', width: 0.21, align: 'left' as const },
    { label: `Amount ${input.currency}`, width: 0.16, align: 'right' as const },
  ].map((c) => ({ ...c, width: c.width * width }));
  const row = (cells: string[], bold = false) => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    let next = y;
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(9.5)
      .fillColor(bold ? INK : TEXT);
    cells.forEach((cell, i) => {
      const col = cols[i];
      if (!col) return;
      doc.text(cell, x + 3, y, { width: col.width - 6, align: col.align });
      next = Math.max(next, doc.y);
      x += col.width;
    });
    doc.x = MARGIN;
    doc.y = next + 5;
  };
  const rule = (color = '#d1d5db') =>
    doc
      .moveTo(MARGIN, doc.y - 2)
      .lineTo(MARGIN + width, doc.y - 2)
      .strokeColor(color)
      .stroke();
  row(
    cols.map((c) => c.label),
    true,
  );
  rule('#9ca3af');
  for (const line of input.lines) {
    row([
      line.description,
      formatQuantity(line.quantity),
      formatUnitPrice(line.unitPrice),
      ...(hasDiscount ? [line.discountRate ? `${formatPercent(line.discountRate)}%` : ''] : []),
      line.taxType ? (input.taxLabels.get(line.taxType) ?? line.taxType) : 'No tax',
      formatAmount(line.lineAmount),
    ]);
  }
  rule();

  // Totals, right-aligned.
  const a = input.amounts;
  const totals: [string, string, boolean][] = [
    [a.lineAmountTypes === 'Inclusive' ? 'Subtotal (excluding tax)' : 'Subtotal', formatAmount(a.subTotal), false],
    [a.lineAmountTypes === 'NoTax' ? 'No tax' : 'Total tax', formatAmount(a.totalTax), false],
    [`Total ${input.currency}`, formatAmount(a.total), true],
  ];
  doc.moveDown(0.4);
  for (const [label, value, strong] of totals) {
    const y = doc.y;
    doc
      .font(strong ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(strong ? 11 : 10)
      .fillColor(INK);
    doc.text(label, MARGIN + width * 0.5, y, { width: width * 0.3, align: 'right' });
    doc.text(value, MARGIN + width * 0.8, y, { width: width * 0.2, align: 'right' });
    doc.moveDown(0.25);
  }
  doc.x = MARGIN;
  doc.font('Helvetica').fontSize(8.5).fillColor(MUTED).moveDown(0.6).text(`Amounts are ${LINE_AMOUNT_TYPE_LABELS[a.lineAmountTypes].toLowerCase()}.`);

  if (input.notes) {
    doc.moveDown(1).font('Helvetica-Bold').fontSize(10).fillColor(INK).text('Notes');
    doc.font('Helvetica').fontSize(10).fillColor(TEXT).text(input.notes);
  }
  doc.end();
  return done;
}

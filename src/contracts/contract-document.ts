/**
 * The contract document, written with pdfkit: both parties (names, addresses, tax numbers), the
 * services with their prices per billing period, billing frequency, start, term, first invoice,
 * payment, renewal and notice terms, totals per period and over a year (and the term), and a
 * signature block for each party. Pure apart from pdfkit: plain data in, PDF bytes out.
 */
import PDFDocument from 'pdfkit';
import { formatAmount, formatMoney, formatQuantity, formatUnitPrice } from '../common/money.js';
import { formatDate } from '../documents/index.js';
import { contractRevenue, noticeDeadlineOf } from './contract-revenue.js';
import { paymentTermsText } from './contract-view-model.js';
import { BILLING_FREQUENCY_LABELS, type Contract } from './contract.js';

export interface ContractParty {
  name: string;
  /** Address lines, already joined per line; empty when none is recorded. */
  address: string[];
  taxNumber: string | null;
}

export interface ContractDocumentInput {
  contract: Contract;
  supplier: ContractParty;
  customer: ContractParty;
  /** Labels of the lines' tax rates by tax type. */
  taxLabels: Map<string, string>;
  generatedOn: string;
}

const MARGIN = 56;

export function contractDocument(input: ContractDocumentInput): Promise<Buffer> {
  const { contract: c, supplier, customer } = input;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `${c.number} ${c.title}`, Author: supplier.name, Subject: `Contract with ${customer.name}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN * 2;
  const money = (cents: number) => formatMoney(cents, c.currency);
  const heading = (text: string) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor('#111827').text(text).moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#1f2937');
  };
  const pair = (label: string, value: string) => {
    doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
  };

  doc.font('Helvetica-Bold').fontSize(18).fillColor('#111827').text('Services agreement');
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#4b5563')
    .text(`Contract ${c.number} · ${c.title} · prepared ${formatDate(input.generatedOn)}`);

  heading('The parties');
  const top = doc.y;
  const column = (x: number, role: string, party: ContractParty) => {
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor('#6b7280')
      .text(role, x, top, { width: width / 2 - 10 });
    doc
      .font('Helvetica-Bold')
      .fillColor('#111827')
      .text(party.name, { width: width / 2 - 10 });
    doc.font('Helvetica').fillColor('#1f2937');
    for (const line of party.address) doc.text(line, { width: width / 2 - 10 });
    doc.text(`Tax number: ${party.taxNumber ?? 'not recorded'}`, { width: width / 2 - 10 });
    return doc.y;
  };
  const bottom = Math.max(column(MARGIN, 'Supplier', supplier), column(MARGIN + width / 2, 'Customer', customer));
  doc.x = MARGIN;
  doc.y = bottom;

  heading('Term and billing');
  pair('Start date', formatDate(c.issueDate));
  pair('Term', c.termMonths === null ? 'Open-ended, until either party ends it with notice' : `${c.termMonths} months, ending ${formatDate(c.endDate)}`);
  pair('Billing frequency', BILLING_FREQUENCY_LABELS[c.billingFrequency]);
  pair('First invoice date', formatDate(c.firstInvoiceDate));
  pair('Payment terms', paymentTermsText(c.paymentTermsDays, c.paymentTermsType));
  const notice = c.noticeDays === null ? 'no notice period' : `${c.noticeDays} days' written notice`;
  if (c.renewalDate) {
    const by = noticeDeadlineOf(c.renewalDate, c.noticeDays);
    pair(
      'Renewal',
      c.autoRenew
        ? `Renews automatically on ${formatDate(c.renewalDate)} for the same term unless either party gives ${notice}${by ? ` (by ${formatDate(by)})` : ''}.`
        : `Ends on ${formatDate(c.endDate)} unless both parties agree to renew it${by ? `; notice of renewal by ${formatDate(by)}` : ''}.`,
    );
  } else {
    pair('Ending', `Either party may end the contract with ${notice}.`);
  }

  heading(`Services (prices per billing period, ${c.currency})`);
  const cols = [
    { label: 'Service', width: width * 0.44, align: 'left' as const },
    { label: 'Qty', width: width * 0.1, align: 'right' as const },
    { label: 'Price per period', width: width * 0.16, align: 'right' as const },
    { label: 'Tax', width: width * 0.14, align: 'left' as const },
    { label: 'Amount', width: width * 0.16, align: 'right' as const },
  ];
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    let x = MARGIN;
    let next = y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    cells.forEach((cell, i) => {
      const col = cols[i];
      if (!col) return;
      doc.text(cell, x + 2, y, { width: col.width - 4, align: col.align });
      next = Math.max(next, doc.y);
      x += col.width;
    });
    doc.x = MARGIN;
    doc.y = next + 4;
  };
  row(
    cols.map((col) => col.label),
    true,
  );
  doc
    .moveTo(MARGIN, doc.y - 2)
    .lineTo(MARGIN + width, doc.y - 2)
    .strokeColor('#9ca3af')
    .stroke();
  for (const line of c.lines) {
    if (doc.y > doc.page.height - 160) doc.addPage();
    row([
      line.description,
      formatQuantity(line.quantity),
      formatUnitPrice(line.unitPrice),
      line.taxType ? (input.taxLabels.get(line.taxType) ?? line.taxType) : 'No tax',
      formatAmount(line.lineAmount),
    ]);
  }

  const revenue = contractRevenue(c.lines, {
    frequency: c.billingFrequency,
    lineAmountTypes: c.lineAmountTypes,
    firstInvoiceDate: c.firstInvoiceDate,
    endDate: c.endDate,
  });
  heading('Totals');
  pair(
    `Each ${BILLING_FREQUENCY_LABELS[c.billingFrequency].toLowerCase()} invoice`,
    `${money(c.subTotal)} before tax, ${money(c.totalTax)} tax, ${money(c.total)} in total`,
  );
  pair('A year', `${money(revenue.acv)} before tax (${revenue.periodsPerYear} invoices)`);
  pair(
    'Over the term',
    revenue.totalContractValue === null ? 'open-ended' : `${money(revenue.totalContractValue)} before tax (${revenue.billingsInTerm ?? 0} invoices)`,
  );

  if (doc.y > doc.page.height - 200) doc.addPage();
  heading('Signed for and on behalf of');
  const signTop = doc.y + 6;
  const signature = (x: number, party: ContractParty) => {
    doc.font('Helvetica-Bold').text(party.name, x, signTop, { width: width / 2 - 20 });
    for (const label of ['Signature', 'Name', 'Position', 'Date']) {
      doc.moveDown(1.4);
      const y = doc.y;
      doc.font('Helvetica').fillColor('#4b5563').text(label, x, y, { width: 60 });
      doc
        .moveTo(x + 62, y + 10)
        .lineTo(x + width / 2 - 20, y + 10)
        .strokeColor('#9ca3af')
        .stroke();
      doc.fillColor('#1f2937');
    }
  };
  signature(MARGIN, supplier);
  signature(MARGIN + width / 2, customer);
  doc.end();
  return done;
}

/** A contact's or organisation's address as lines ("12 Main St", "Wellington 6011", "New Zealand"). */
export function addressLines(a: {
  line1: string | null;
  line2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}): string[] {
  const cityLine = [a.city, a.region, a.postalCode].filter(Boolean).join(' ');
  return [a.line1, a.line2, cityLine, a.country].filter((l): l is string => typeof l === 'string' && l.trim() !== '');
}

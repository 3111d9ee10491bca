/** Stored lines back into form drafts (for editing, or copying a quote into a sales order). */
import { formatScaled, inputQuantity, inputUnitPrice } from '../common/money.js';
import type { DocumentLine, LineDraft } from './lines.js';

export function draftFromLine(line: DocumentLine): LineDraft {
  return {
    productId: line.productId ?? '',
    description: line.description,
    quantity: inputQuantity(line.quantity),
    unitPrice: inputUnitPrice(line.unitPrice),
    discount: line.discountRate ? formatScaled(line.discountRate, 4, 0, false) : '',
    accountCode: line.accountCode ?? '',
    taxType: line.taxType ?? '',
    tracking1: line.trackingOption1Id ?? '',
    tracking2: line.trackingOption2Id ?? '',
  };
}

/**
 * Pure: a Xero Item (xero-node model) → product fields. Unit prices become integers scaled by 10,000
 * (4 dp, the gateway asks with unitdp=4), rounded on the decimal text rather than in binary floating
 * point. An item without a price on one side (IsSold/IsPurchased off) keeps that side empty.
 */
import type { Item as XeroItem, Purchase } from 'xero-node';
import { toScaled4 } from '../xero-settings/index.js';
import { textOf } from './xero-contact-mapper.js';
import type { ImportedItem, Mapped } from './xero-import.js';

// Far beyond any real price, and inside the range a JS number holds exactly once scaled.
const MAX_SCALED = 1_000_000_000 * 10_000;

function priceOf(details: Purchase | undefined): number | null {
  const scaled = toScaled4(details?.unitPrice);
  return scaled === null || Math.abs(scaled) > MAX_SCALED ? null : scaled;
}

export function mapXeroItem(item: XeroItem): Mapped<ImportedItem> {
  const xeroItemId = textOf(item.itemID, 36);
  const code = textOf(item.code, 30);
  if (!xeroItemId) return { ok: false, reason: 'Xero sent it without an ItemID.' };
  if (!code) return { ok: false, reason: 'It has no code in Xero.' };
  const sales = item.salesDetails;
  const purchases = item.purchaseDetails;
  return {
    ok: true,
    value: {
      xeroItemId,
      code,
      // Name is optional in Xero; the code is what people know it by then.
      name: textOf(item.name, 255) ?? code,
      description: textOf(item.description, 4000) ?? textOf(item.purchaseDescription, 4000),
      salePrice: priceOf(sales),
      salesAccountCode: textOf(sales?.accountCode, 10),
      salesTaxType: textOf(sales?.taxType, 64),
      costPrice: priceOf(purchases),
      purchasesAccountCode: textOf(purchases?.accountCode, 10),
      purchasesTaxType: textOf(purchases?.taxType, 64),
    },
  };
}

/** Validation of the product form. Codes that need the database (accounts, tax rates, supplier, unique code) are checked in the service. */
import { z } from 'zod';
import { bidiMessage, optionalText, parseForm, type FormResult } from '../http/form-input.js';
import { hasBidiControl } from '../http/input-boundary.js';
import { CODE_MAX, DESCRIPTION_MAX, NAME_MAX, parsePrice, type ProductInput } from './product.js';

export const PRODUCT_FIELDS = [
  'code',
  'name',
  'description',
  'sale_price',
  'cost_price',
  'sales_account_code',
  'purchases_account_code',
  'sales_tax_type',
  'purchases_tax_type',
  'default_supplier_id',
  // The "Find supplier" box: kept when the form comes back, never saved.
  'supplier_search',
] as const;

const price = (label: string) =>
  z.string().transform((v, ctx) => {
    const parsed = parsePrice(v, label);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    return parsed.value;
  });

const schema = z
  .object({
    code: z
      .string()
      .trim()
      .min(1, 'Enter a code for the product.')
      .max(CODE_MAX, `The code must be ${CODE_MAX} characters or fewer (Xero's limit).`)
      .refine((v) => !hasBidiControl(v), bidiMessage('Code')),
    name: z
      .string()
      .trim()
      .min(1, 'Enter the product name.')
      .max(NAME_MAX, `The name must be ${NAME_MAX} characters or fewer (Xero's limit).`)
      .refine((v) => !hasBidiControl(v), bidiMessage('Name')),
    description: optionalText('Description', DESCRIPTION_MAX),
    sale_price: price('Sale price'),
    cost_price: price('Cost price'),
    sales_account_code: optionalText('Sales account', 10),
    purchases_account_code: optionalText('Purchases account', 10),
    sales_tax_type: optionalText('Sales tax rate', 64),
    purchases_tax_type: optionalText('Purchases tax rate', 64),
    default_supplier_id: optionalText('Default supplier', 36),
  })
  .transform((v): ProductInput => ({
    code: v.code,
    name: v.name,
    description: v.description,
    salePrice: v.sale_price,
    costPrice: v.cost_price,
    salesAccountCode: v.sales_account_code,
    purchasesAccountCode: v.purchases_account_code,
    salesTaxType: v.sales_tax_type,
    purchasesTaxType: v.purchases_tax_type,
    defaultSupplierId: v.default_supplier_id,
  }));

export function parseProductForm(body: unknown): FormResult<ProductInput> {
  return parseForm(body, PRODUCT_FIELDS, schema);
}

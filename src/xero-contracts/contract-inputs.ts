/**
 * Everything the pure repeating-invoice mapper needs for one contract, read from the database: the
 * contract and its services, each service's product (item code, sales codes), the organisation's
 * defaults and tracking options; and what stops the send before any call.
 */
import type { TenantDb } from '../db/tenant-db.js';
import { contractRepository, XERO_SCHEDULE, type Contract } from '../contracts/index.js';
import { salesLinesForXero } from '../xero-invoices/index.js';
import { lineItemProblems, type ContractForXero, type RepeatingInvoiceDefaultsForXero } from '../xero/index.js';

export interface ContractXeroInputs {
  contract: Contract;
  forXero: ContractForXero;
  defaults: RepeatingInvoiceDefaultsForXero;
  problems: string[];
}

export async function contractXeroInputs(tdb: TenantDb, contractId: string): Promise<ContractXeroInputs | null> {
  const contract = await contractRepository(tdb).find(contractId);
  return contract ? contractXeroInputsOf(tdb, contract) : null;
}

/** The same for a contract already loaded (its record page's). */
export async function contractXeroInputsOf(tdb: TenantDb, contract: Contract): Promise<ContractXeroInputs> {
  const { settings: d, brandingThemeId, lineDefaults, lines, defaultProblems } = await salesLinesForXero(tdb, contract.lines);
  const defaults: RepeatingInvoiceDefaultsForXero = { status: d.invoiceStatus, brandingThemeId, lines: lineDefaults };
  const forXero: ContractForXero = {
    number: contract.number,
    schedule: XERO_SCHEDULE[contract.billingFrequency],
    firstInvoiceDate: contract.firstInvoiceDate,
    endDate: contract.endDate,
    paymentTerms: { days: contract.paymentTermsDays, type: contract.paymentTermsType },
    currency: contract.currency,
    lineAmountTypes: contract.lineAmountTypes,
    lines,
  };
  const lineProblems = lineItemProblems(
    lines,
    { ...defaults.lines, side: 'sales', lineAmountTypes: contract.lineAmountTypes },
    {
      requireAccount: defaults.status === 'AUTHORISED',
    },
  ).map((p) => p.message);
  return {
    contract,
    forXero,
    defaults,
    problems: [...(contract.lines.length === 0 ? ['The contract has no services.'] : []), ...defaultProblems, ...lineProblems],
  };
}

/**
 * A project's money, from what each contributing capability reports (src/projects/project-contributions.ts).
 * Sums are kept per currency because documents may be in different currencies. Gross profit is
 * revenue − cost and margin its share of revenue (1 dp).
 *
 * `salesDocumentFigures` is how a sales document kind reports: revenue is the sum of its documents'
 * sub-totals (tax excluded; cancelled ones left out), cost is each line's quantity × its product's cost
 * price where the product has one (in the document's currency: product cost prices carry none).
 */
import { divRound } from '../documents/index.js';

export interface MoneyByCurrency {
  currency: string;
  /** Cents. */
  revenue: number;
  /** Estimated cost: products' cost prices of lines not yet ordered from a supplier. */
  cost: number;
  /** Committed cost: what purchase orders (sub-totals, tax excluded) commit the project to. */
  committed?: number;
}

/** What one capability contributes to a project's totals. */
export interface ContributionFigures {
  byCurrency: MoneyByCurrency[];
  /** Lines counted in revenue whose cost is unknown (free text or a product without a cost price). */
  linesWithoutCost: number;
}

export interface CurrencyTotals {
  currency: string;
  revenue: number;
  /** Committed (purchase orders) + estimated (cost prices of lines not yet ordered). */
  cost: number;
  committed: number;
  estimated: number;
  grossProfit: number;
  /** Percent with 1 dp, or null when there is no revenue. */
  marginPercent: number | null;
}

export interface ProjectTotals {
  byCurrency: CurrencyTotals[];
  linesWithoutCost: number;
}

export interface DocumentForTotals {
  id: string;
  currency: string;
  status: string;
  subTotal: number;
}

export interface LineForTotals {
  documentId: string;
  /** The line's id, when the caller knows which lines are already ordered. */
  lineId?: string;
  productId: string | null;
  /** × 10,000. */
  quantity: number;
}

/** `ordered`: lines already ordered from a supplier (their cost is a purchase order's, committed), left out of the estimate. */
export function salesDocumentFigures(
  documents: DocumentForTotals[],
  lines: LineForTotals[],
  costPrices: Map<string, number>,
  ordered: ReadonlySet<string> = new Set(),
): ContributionFigures {
  const counted = new Map(documents.filter((d) => d.status !== 'cancelled').map((d) => [d.id, d]));
  const sums = new Map<string, { revenue: number; cost: bigint }>();
  const sumFor = (currency: string) => {
    let entry = sums.get(currency);
    if (!entry) sums.set(currency, (entry = { revenue: 0, cost: 0n }));
    return entry;
  };
  for (const doc of counted.values()) sumFor(doc.currency).revenue += doc.subTotal;
  let linesWithoutCost = 0;
  for (const line of lines) {
    const doc = counted.get(line.documentId);
    if (!doc) continue;
    if (line.lineId && ordered.has(line.lineId)) continue;
    const cost = line.productId ? costPrices.get(line.productId) : undefined;
    if (cost === undefined) {
      linesWithoutCost += 1;
      continue;
    }
    // quantity/10⁴ × cost/10⁴ units → cents: × 100 / 10⁸.
    sumFor(doc.currency).cost += divRound(BigInt(line.quantity) * BigInt(cost), 1_000_000n);
  }
  return { byCurrency: [...sums.entries()].map(([currency, s]) => ({ currency, revenue: s.revenue, cost: Number(s.cost) })), linesWithoutCost };
}

/** Every contribution summed per currency (sorted by code), with gross profit and margin. */
export function projectTotals(contributions: ContributionFigures[]): ProjectTotals {
  const sums = new Map<string, { revenue: number; estimated: number; committed: number }>();
  for (const c of contributions) {
    for (const m of c.byCurrency) {
      const entry = sums.get(m.currency) ?? { revenue: 0, estimated: 0, committed: 0 };
      sums.set(m.currency, { revenue: entry.revenue + m.revenue, estimated: entry.estimated + m.cost, committed: entry.committed + (m.committed ?? 0) });
    }
  }
  const byCurrency = [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, s]) => {
      const cost = s.committed + s.estimated;
      const grossProfit = s.revenue - cost;
      const marginPercent = s.revenue === 0 ? null : Number(divRound(BigInt(grossProfit) * 1000n, BigInt(s.revenue))) / 10;
      return { currency, revenue: s.revenue, cost, committed: s.committed, estimated: s.estimated, grossProfit, marginPercent };
    });
  return { byCurrency, linesWithoutCost: contributions.reduce((n, c) => n + c.linesWithoutCost, 0) };
}

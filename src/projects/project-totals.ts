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
  cost: number;
}

/** What one capability contributes to a project's totals. */
export interface ContributionFigures {
  byCurrency: MoneyByCurrency[];
  /** Lines counted in revenue whose cost is unknown (free text or a product without a cost price). */
  linesWithoutCost: number;
}

export interface CurrencyTotals extends MoneyByCurrency {
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
  productId: string | null;
  /** × 10,000. */
  quantity: number;
}

export function salesDocumentFigures(documents: DocumentForTotals[], lines: LineForTotals[], costPrices: Map<string, number>): ContributionFigures {
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
  const sums = new Map<string, { revenue: number; cost: number }>();
  for (const c of contributions) {
    for (const m of c.byCurrency) {
      const entry = sums.get(m.currency) ?? { revenue: 0, cost: 0 };
      sums.set(m.currency, { revenue: entry.revenue + m.revenue, cost: entry.cost + m.cost });
    }
  }
  const byCurrency = [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, s]) => {
      const grossProfit = s.revenue - s.cost;
      const marginPercent = s.revenue === 0 ? null : Number(divRound(BigInt(grossProfit) * 1000n, BigInt(s.revenue))) / 10;
      return { currency, revenue: s.revenue, cost: s.cost, grossProfit, marginPercent };
    });
  return { byCurrency, linesWithoutCost: contributions.reduce((n, c) => n + c.linesWithoutCost, 0) };
}

/**
 * A project's money: revenue is the sum of its sales orders' sub-totals (tax excluded; cancelled orders
 * left out), cost is each line's quantity × its product's cost price where the product has one, gross
 * profit is the difference and margin its share of revenue. Sums are kept per currency because orders
 * may be in different currencies; costs are in the order's currency (product cost prices carry none).
 */
import { divRound } from '../sales/totals.js';

export interface OrderForTotals {
  id: string;
  currency: string;
  status: string;
  subTotal: number;
}

export interface LineForTotals {
  salesOrderId: string;
  productId: string | null;
  /** × 10,000. */
  quantity: number;
}

export interface CurrencyTotals {
  currency: string;
  revenue: number;
  cost: number;
  grossProfit: number;
  /** Percent with 1 dp, or null when there is no revenue. */
  marginPercent: number | null;
}

export interface ProjectTotals {
  byCurrency: CurrencyTotals[];
  /** Lines counted in revenue whose cost is unknown (free text or a product without a cost price). */
  linesWithoutCost: number;
}

export function projectTotals(orders: OrderForTotals[], lines: LineForTotals[], costPrices: Map<string, number>): ProjectTotals {
  const counted = new Map(orders.filter((o) => o.status !== 'cancelled').map((o) => [o.id, o]));
  const sums = new Map<string, { revenue: number; cost: bigint }>();
  const sumFor = (currency: string) => {
    let entry = sums.get(currency);
    if (!entry) sums.set(currency, (entry = { revenue: 0, cost: 0n }));
    return entry;
  };
  for (const order of counted.values()) sumFor(order.currency).revenue += order.subTotal;
  let linesWithoutCost = 0;
  for (const line of lines) {
    const order = counted.get(line.salesOrderId);
    if (!order) continue;
    const cost = line.productId ? costPrices.get(line.productId) : undefined;
    if (cost === undefined) {
      linesWithoutCost += 1;
      continue;
    }
    // quantity/10⁴ × cost/10⁴ units → cents: × 100 / 10⁸.
    sumFor(order.currency).cost += divRound(BigInt(line.quantity) * BigInt(cost), 1_000_000n);
  }
  const byCurrency = [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, s]) => {
    const cost = Number(s.cost);
    const grossProfit = s.revenue - cost;
    const marginPercent = s.revenue === 0 ? null : Number(divRound(BigInt(grossProfit) * 1000n, BigInt(s.revenue))) / 10;
    return { currency, revenue: s.revenue, cost, grossProfit, marginPercent };
  });
  return { byCurrency, linesWithoutCost };
}

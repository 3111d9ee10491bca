/** Sales orders in global search: by number, contact or reference (the list's own search). */
import { parseDocumentListQuery } from '../documents/index.js';
import type { SearchSource } from '../search/index.js';
import { salesOrderRepository } from './sales-order-repository.js';
import { SALES_ORDER_STATUSES } from './sales-order.js';
import { salesOrderRowView } from './sales-order-view-model.js';

export const salesOrderSearch: SearchSource = {
  heading: 'Sales orders',
  listHref: (q) => `/sales-orders?q=${encodeURIComponent(q)}`,
  async search(tdb, q, limit) {
    const { rows, total } = await salesOrderRepository(tdb).list(parseDocumentListQuery({ q }, SALES_ORDER_STATUSES));
    return {
      total,
      hits: rows.slice(0, limit).map((row) => {
        const view = salesOrderRowView(row);
        return {
          href: view.href,
          title: view.number,
          detail: [view.contactName, view.date].filter(Boolean).join(' · '),
          status: { label: view.status, className: view.statusClass },
          amount: `${view.currency} ${view.total}`,
        };
      }),
    };
  },
};

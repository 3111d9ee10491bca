/**
 * Purchase order use-cases: the kit's (create and edit with header and lines in one transaction,
 * status changes, delete) with a purchase order's own fields (project, delivery details) and its locks
 * (a billed one is not edited; one sent to Xero is cancelled, not deleted), plus the lists and
 * lookups other pages ask for.
 */
import type { TenantDb } from '../db/tenant-db.js';
import { documentService, type DocumentListQuery, type DocumentServiceDeps, type DocumentServiceSpec } from '../documents/index.js';
import { projectExists } from '../projects/index.js';
import { PURCHASE_ORDER_KIND } from './purchase-order-kind.js';
import { purchaseOrderRepository, type PurchaseOrderListQuery } from './purchase-order-repository.js';
import { purchaseOrderHeaderSchema } from './purchase-order-schema.js';
import type { PurchaseOrder, PurchaseOrderHeader, PurchaseOrderSummary } from './purchase-order.js';

export const PURCHASE_ORDER_SERVICE: DocumentServiceSpec<PurchaseOrder, PurchaseOrderHeader, PurchaseOrderSummary> = {
  kind: PURCHASE_ORDER_KIND,
  store: purchaseOrderRepository,
  headerSchema: purchaseOrderHeaderSchema,
  blankFields: (_today, preset) => ({
    projectId: preset.projectId ?? '',
    deliveryDate: '',
    deliveryAddress: '',
    attentionTo: '',
    telephone: '',
    deliveryInstructions: '',
  }),
  formFields: (po) => ({
    projectId: po.projectId ?? '',
    deliveryDate: po.deliveryDate ?? '',
    deliveryAddress: po.deliveryAddress ?? '',
    attentionTo: po.attentionTo ?? '',
    telephone: po.telephone ?? '',
    deliveryInstructions: po.deliveryInstructions ?? '',
  }),
  // Another organisation's project id is simply not found (asked of the projects capability).
  extraCheck: (tdb: TenantDb) => async (header, errors) => {
    if (header.projectId && !(await projectExists(tdb, header.projectId))) errors.projectId = 'Choose a project from the list.';
  },
  lockedReason: (po, change) => {
    if (change === 'edit' && po.status === 'billed') return `Purchase order ${po.number} is billed, so it can't be edited.`;
    if (change === 'delete' && po.xero) return `Purchase order ${po.number} is in Xero, so it can't be deleted: cancel it instead.`;
    return null;
  },
};

export function purchaseOrderService(deps: DocumentServiceDeps) {
  const { tdb } = deps;
  const orders = documentService(PURCHASE_ORDER_SERVICE, deps);
  return {
    ...orders,
    list: (query: DocumentListQuery & Partial<PurchaseOrderListQuery>) => purchaseOrderRepository(tdb).list(query),
    forProject: (projectId: string) => purchaseOrderRepository(tdb).forProject(projectId),
    forSalesOrder: (salesOrderId: string) => purchaseOrderRepository(tdb).forSalesOrder(salesOrderId),
  };
}

export type PurchaseOrderService = ReturnType<typeof purchaseOrderService>;

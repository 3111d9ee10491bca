/** What a sales order form may submit: the shared document header plus project and delivery details. */
import { z } from 'zod';
import { DOCUMENT_FIELDS, documentHeaderShape } from '../sales/document-schema.js';
import { formValues, optionalDate, optionalId, optionalText, type FormValues } from '../http/form-input.js';
import { parseFormAction, readLineDrafts, type FormAction } from '../sales/line-form.js';
import type { LineDraft } from '../sales/lines.js';
import { SALES_ORDER_STATUSES } from './sales-order.js';

export const SALES_ORDER_FIELDS = [...DOCUMENT_FIELDS, 'projectId', 'dueDate', 'deliveryAddress', 'deliveryDate', 'deliveryInstructions'] as const;

export const salesOrderHeaderSchema = z.object({
  ...documentHeaderShape,
  projectId: optionalId('Project'),
  dueDate: optionalDate('Due date'),
  deliveryAddress: optionalText('Delivery address', 1000),
  deliveryDate: optionalDate('Delivery date'),
  deliveryInstructions: optionalText('Delivery instructions', 1000),
}).refine((o) => o.dueDate === null || o.dueDate >= o.issueDate, { path: ['dueDate'], message: 'Due date must be on or after the order date.' });

export interface SalesOrderForm {
  values: FormValues;
  drafts: LineDraft[];
  action: FormAction;
}

export function readSalesOrderForm(body: unknown): SalesOrderForm {
  return { values: formValues(body, SALES_ORDER_FIELDS), drafts: readLineDrafts(body), action: parseFormAction(body) };
}

export const salesOrderStatusSchema = z.object({ status: z.enum(SALES_ORDER_STATUSES, { message: 'Choose a valid status.' }) });

/** A sales order's header: the kit's shared fields plus project, due date and delivery details. */
import { z } from 'zod';
import { documentHeaderShape } from '../documents/index.js';
import { optionalDate, optionalId, optionalText } from '../http/form-input.js';

/** The order's own form fields, beyond the kit's. */
export const SALES_ORDER_FIELDS = ['projectId', 'dueDate', 'deliveryAddress', 'deliveryDate', 'deliveryInstructions'] as const;

export const salesOrderHeaderSchema = z
  .object({
    ...documentHeaderShape,
    projectId: optionalId('Project'),
    dueDate: optionalDate('Due date'),
    deliveryAddress: optionalText('Delivery address', 1000),
    deliveryDate: optionalDate('Delivery date'),
    deliveryInstructions: optionalText('Delivery instructions', 1000),
  })
  .refine((o) => o.dueDate === null || o.dueDate >= o.issueDate, { path: ['dueDate'], message: 'Due date must be on or after the order date.' });

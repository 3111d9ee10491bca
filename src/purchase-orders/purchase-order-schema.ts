/** A purchase order's header: the kit's shared fields plus project, delivery date and delivery details. */
import { z } from 'zod';
import { documentHeaderShape } from '../documents/index.js';
import { optionalDate, optionalId, optionalText, requiredId } from '../http/form-input.js';

/** The purchase order's own form fields, beyond the kit's. */
export const PURCHASE_ORDER_FIELDS = ['projectId', 'deliveryDate', 'deliveryAddress', 'attentionTo', 'telephone', 'deliveryInstructions'] as const;

export const purchaseOrderHeaderSchema = z
  .object({
    ...documentHeaderShape,
    contactId: requiredId('Supplier'),
    projectId: optionalId('Project'),
    deliveryDate: optionalDate('Delivery date'),
    // Xero's limits (PurchaseOrder: DeliveryAddress, AttentionTo 255, Telephone 50, DeliveryInstructions 500).
    deliveryAddress: optionalText('Delivery address', 500),
    attentionTo: optionalText('Attention', 255),
    telephone: optionalText('Telephone', 50),
    deliveryInstructions: optionalText('Delivery instructions', 500),
  })
  .refine((o) => o.deliveryDate === null || o.deliveryDate >= o.issueDate, {
    path: ['deliveryDate'],
    message: 'Delivery date must be on or after the order date.',
  });

/** Reading a record's attachments without their bytes (the accountant's pages list them). */
import { TABLES } from './schema.js';
import type { TenantStore } from './store.js';
import type { Collection } from './types.js';

export interface AttachmentSummary {
  attachmentId: string;
  fileName: string;
  mimeType: string;
  bytes: number;
}

export async function listAttachmentSummaries(store: TenantStore, collection: Collection, recordId: string): Promise<AttachmentSummary[]> {
  const rows: { attachment_id: string; file_name: string; mime_type: string; bytes: number | string }[] = await store
    .raw()(TABLES.attachments)
    .where({ tenant_id: store.tenantId, collection, record_id: recordId.toLowerCase() })
    .orderBy('created_at', 'asc')
    .select('attachment_id', 'file_name', 'mime_type', store.raw().raw('length(content) as bytes'));
  return rows.map((r) => ({ attachmentId: r.attachment_id, fileName: r.file_name, mimeType: r.mime_type, bytes: Number(r.bytes) }));
}

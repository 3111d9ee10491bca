/**
 * Attachments on invoices, credit notes, purchase orders, quotes, repeating invoices and contacts: the file is the
 * raw request body whatever its Content-Type; at most 10 per record, 10 MB each.
 * Scope accounting.attachments[.read].
 */
import { randomUUID } from 'node:crypto';
import type { Router } from 'express';
import { route, type ApiCall, type ApiRuntime } from './http.js';
import { TABLES } from './schema.js';
import type { Collection, JsonObject } from './types.js';
import { notFound, validationException } from './wire.js';

export const ATTACHMENT_COLLECTIONS: Collection[] = ['Invoices', 'CreditNotes', 'PurchaseOrders', 'Quotes', 'RepeatingInvoices', 'Contacts'];
export const MAX_ATTACHMENTS = 10;

const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  txt: 'text/plain',
  csv: 'text/csv',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xml: 'application/xml',
  zip: 'application/zip',
};
const GENERIC_TYPES = ['application/octet-stream', 'application/x-www-form-urlencoded', 'multipart/form-data'];

interface AttachmentRow {
  attachment_id: string;
  file_name: string;
  mime_type: string;
  include_online: number | boolean;
  content: Buffer;
}

function mimeFor(fileName: string, header: string | undefined): string {
  const byExtension = MIME_BY_EXTENSION[fileName.split('.').pop()?.toLowerCase() ?? ''];
  const sent = header?.split(';')[0]?.trim().toLowerCase();
  if (sent && !GENERIC_TYPES.includes(sent)) return sent;
  return byExtension ?? 'application/octet-stream';
}

function toWireAttachment(call: ApiCall, collection: Collection, recordId: string, row: AttachmentRow): JsonObject {
  return {
    AttachmentID: row.attachment_id,
    FileName: row.file_name,
    MimeType: row.mime_type,
    ContentLength: row.content.length,
    IncludeOnline: Boolean(row.include_online),
    Url: `${call.req.protocol}://${call.req.get('host') ?? 'localhost'}${call.req.baseUrl}/${collection}/${recordId}/Attachments/${encodeURIComponent(row.file_name)}`,
  };
}

async function recordOf(
  call: ApiCall,
  collection: Collection,
): Promise<{ id: string; data: JsonObject; number: string | null; status: string | null; updatedAt: number }> {
  const id = String(call.req.params['id']);
  const found = /^[0-9a-f-]{36}$/i.test(id) ? await call.store.get(collection, id) : undefined;
  if (!found) throw notFound();
  return found;
}

function rows(call: ApiCall, collection: Collection, recordId: string) {
  return call.store.raw()(TABLES.attachments).where({ tenant_id: call.org.tenant_id, collection, record_id: recordId });
}

export function mountAttachmentRoutes(router: Router, rt: ApiRuntime): void {
  for (const collection of ATTACHMENT_COLLECTIONS) {
    const base = `/${collection}/:id/Attachments`;
    router.get(
      base,
      route(rt, 'attachments', 'read', async (call) => {
        const record = await recordOf(call, collection);
        const list: AttachmentRow[] = await rows(call, collection, record.id).orderBy('created_at');
        return call.ok(
          'Attachments',
          list.map((r) => toWireAttachment(call, collection, record.id, r)),
        );
      }),
    );
    router.get(
      `${base}/:name`,
      route(rt, 'attachments', 'read', async (call) => {
        const record = await recordOf(call, collection);
        const name = String(call.req.params['name']);
        const list: AttachmentRow[] = await rows(call, collection, record.id);
        const row = list.find((r) => r.attachment_id === name.toLowerCase()) ?? list.find((r) => r.file_name === name);
        if (!row) throw notFound();
        return { status: 200, bytes: Buffer.from(row.content), contentType: row.mime_type };
      }),
    );
    const upload = route(rt, 'attachments', 'write', async (call) => {
      const record = await recordOf(call, collection);
      const fileName = String(call.req.params['name']);
      const content = call.body ?? Buffer.alloc(0);
      const problem = (message: string) => validationException([{ ValidationErrors: [{ Message: message }] }]);
      if (content.length === 0) throw problem('The attachment has no content.');
      if (fileName.length > 255) throw problem('The file name must be 255 characters or fewer.');
      const row: AttachmentRow = {
        attachment_id: randomUUID(),
        file_name: fileName,
        mime_type: mimeFor(fileName, call.req.header('Content-Type')),
        include_online: call.query.bool('IncludeOnline') === true,
        content,
      };
      await call.store.transaction(async (store) => {
        const db = store.raw();
        const existing: AttachmentRow[] = await db(TABLES.attachments).where({ tenant_id: call.org.tenant_id, collection, record_id: record.id });
        const same = existing.find((r) => r.file_name === fileName);
        if (!same && existing.length >= MAX_ATTACHMENTS) throw problem(`A document can have at most ${MAX_ATTACHMENTS} attachments.`);
        if (same) await db(TABLES.attachments).where({ attachment_id: same.attachment_id }).delete();
        await db(TABLES.attachments).insert({ ...row, tenant_id: call.org.tenant_id, collection, record_id: record.id, created_at: call.nowMs });
        if (record.data['HasAttachments'] !== true) {
          await store.update(
            collection,
            record.id,
            { ...record.data, HasAttachments: true },
            { number: record.number, status: record.status, updatedAt: record.updatedAt },
          );
        }
      });
      return call.ok('Attachments', [toWireAttachment(call, collection, record.id, row)]);
    });
    router.put(`${base}/:name`, upload);
    router.post(`${base}/:name`, upload);
  }
}

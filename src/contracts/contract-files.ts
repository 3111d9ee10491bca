/**
 * A contract's files in the database (so every app process serves the same ones): list without the
 * bytes, one file with them, add an upload (checked by content, ≤ 10 MB: a refused one stores nothing),
 * add the next version of the generated contract document, delete.
 */
import { randomUUID } from 'node:crypto';
import { ValidationError } from '../common/errors.js';
import { bool, dbTime, int, requiredInt, requiredText, text, type DbRow } from '../db/row-values.js';
import type { TenantDb } from '../db/tenant-db.js';
import { checkFileType, MAX_FILE_BYTES } from './contract-file-types.js';

export interface ContractFileSummary {
  id: string;
  contractId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  source: 'upload' | 'generated';
  version: number | null;
  addedByName: string | null;
  createdAt: string;
  /** Ticked to attach to the contract's repeating invoice in Xero (uploads only). */
  attachToXero: boolean;
}

export interface ContractFile extends ContractFileSummary {
  content: Buffer;
}

const SUMMARY = ['id', 'contract_id', 'file_name', 'content_type', 'size_bytes', 'source', 'version', 'added_by_name', 'created_at', 'attach_to_xero'];

function summaryOf(row: DbRow): ContractFileSummary {
  const created = row.created_at;
  return {
    id: requiredText(row, 'id'),
    contractId: requiredText(row, 'contract_id'),
    fileName: requiredText(row, 'file_name'),
    contentType: requiredText(row, 'content_type'),
    sizeBytes: requiredInt(row, 'size_bytes'),
    source: row.source === 'generated' ? 'generated' : 'upload',
    version: int(row, 'version'),
    addedByName: text(row, 'added_by_name') || null,
    createdAt: created instanceof Date ? created.toISOString() : String(created),
    attachToXero: bool(row, 'attach_to_xero'),
  };
}

const listedFor = new WeakMap<object, Promise<ContractFileSummary[]>>();

/**
 * The files of the contract a record page has loaded, read once however many of its panels ask (its
 * files and its Xero panel are given the same loaded contract).
 */
export function filesOfLoadedContract(tdb: TenantDb, contract: { id: string }): Promise<ContractFileSummary[]> {
  let listed = listedFor.get(contract);
  if (!listed) {
    listed = contractFiles(tdb).list(contract.id);
    listedFor.set(contract, listed);
  }
  return listed;
}

/** A file name safe to keep and to send back: no path, no control characters, ≤ 255 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && ch !== '"')
    .join('')
    .trim();
  return (cleaned || 'file').slice(-255);
}

export function contractFiles(tdb: TenantDb) {
  return {
    async list(contractId: string): Promise<ContractFileSummary[]> {
      const rows: DbRow[] = await tdb
        .from('contract_files')
        .where({ contract_id: contractId })
        .orderBy('created_at', 'desc')
        .orderBy('file_name')
        .select(SUMMARY);
      return rows.map(summaryOf);
    },

    async get(contractId: string, fileId: string): Promise<ContractFile | undefined> {
      const row: DbRow | undefined = await tdb
        .from('contract_files')
        .where({ contract_id: contractId, id: fileId })
        .first([...SUMMARY, 'content']);
      if (!row) return undefined;
      const content = row.content;
      return { ...summaryOf(row), content: Buffer.isBuffer(content) ? content : Buffer.from(content as Uint8Array) };
    },

    /** Adds an upload after checking its size and content; throws ValidationError (nothing stored) when refused. */
    async addUpload(contractId: string, upload: { name: string; bytes: Buffer }, addedBy: string | null): Promise<ContractFileSummary> {
      const fileName = cleanFileName(upload.name);
      if (upload.bytes.length > MAX_FILE_BYTES) throw new ValidationError(`“${fileName}” was not added: it is larger than 10 MB.`, { file: 'At most 10 MB.' });
      const check = await checkFileType(fileName, upload.bytes);
      if (!check.ok) throw new ValidationError(check.message, { file: check.message });
      return insert(contractId, fileName, check.contentType, upload.bytes, 'upload', null, addedBy);
    },

    /** Stores the generated contract document as the next version; earlier versions stay. */
    async addGenerated(contractId: string, number: string, pdf: Buffer, addedBy: string | null): Promise<ContractFileSummary> {
      return tdb.transaction(async (trx) => {
        const row: DbRow | undefined = await trx.from('contract_files').where({ contract_id: contractId, source: 'generated' }).max({ v: 'version' }).first();
        const version = (row ? (int(row, 'v') ?? 0) : 0) + 1;
        return contractFiles(trx).insertRaw(contractId, `${number} contract v${version}.pdf`, 'application/pdf', pdf, 'generated', version, addedBy);
      });
    },

    /** The files to attach in Xero: the newest generated contract document and the uploads the user ticked, with their bytes. */
    async forXero(contractId: string): Promise<ContractFile[]> {
      const rows: DbRow[] = await tdb
        .from('contract_files')
        .where({ contract_id: contractId })
        .where((q) => q.where('source', 'generated').orWhere('attach_to_xero', true))
        .orderBy('created_at', 'asc')
        .select([...SUMMARY, 'content']);
      const files = rows.map((row) => ({ ...summaryOf(row), content: Buffer.isBuffer(row.content) ? row.content : Buffer.from(row.content as Uint8Array) }));
      const newest = Math.max(0, ...files.map((f) => (f.source === 'generated' ? (f.version ?? 0) : 0)));
      return files.filter((f) => f.source === 'upload' || f.version === newest);
    },

    /** The uploads to attach in Xero: exactly the ticked ones (ids of other contracts' files match nothing). */
    async tickForXero(contractId: string, fileIds: readonly string[]): Promise<void> {
      await tdb.update('contract_files', { contract_id: contractId }, { attach_to_xero: false });
      for (const id of fileIds) await tdb.update('contract_files', { contract_id: contractId, id, source: 'upload' }, { attach_to_xero: true });
    },

    insertRaw: (...args: Parameters<typeof insert>) => insert(...args),

    remove: (contractId: string, fileId: string): Promise<number> => tdb.delete('contract_files', { contract_id: contractId, id: fileId }),
  };

  async function insert(
    contractId: string,
    fileName: string,
    contentType: string,
    bytes: Buffer,
    source: 'upload' | 'generated',
    version: number | null,
    addedBy: string | null,
  ): Promise<ContractFileSummary> {
    const id = randomUUID();
    const createdAt = new Date();
    await tdb.insert('contract_files', {
      id,
      contract_id: contractId,
      file_name: fileName,
      content_type: contentType,
      size_bytes: bytes.length,
      content: bytes,
      source,
      version,
      added_by_name: addedBy,
      created_at: dbTime(createdAt),
    });
    return {
      id,
      contractId,
      fileName,
      contentType,
      sizeBytes: bytes.length,
      source,
      version,
      addedByName: addedBy,
      createdAt: createdAt.toISOString(),
      attachToXero: false,
    };
  }
}

/**
 * The tenant-scoped handle over the documents table: every query carries `tenant_id`, so one
 * organisation's records are unreachable from another's. Writes go through `transaction`.
 */
import type { Knex } from 'knex';
import { TABLES } from './schema.js';
import { isJsonObject, type Collection, type JsonObject, type StoredRecord } from './types.js';

interface RecordRow {
  id: string;
  number: string | null;
  status: string | null;
  updated_at: number | string;
  data: string;
}

function toStored(row: RecordRow): StoredRecord {
  const data: unknown = JSON.parse(row.data);
  if (!isJsonObject(data)) throw new Error(`Corrupt record ${row.id}`);
  return { id: row.id, number: row.number, status: row.status, updatedAt: Number(row.updated_at), data };
}

export interface WriteMeta {
  number?: string | null;
  status?: string | null;
  updatedAt: number;
}

export class TenantStore {
  constructor(
    private readonly db: Knex | Knex.Transaction,
    readonly tenantId: string,
  ) {}

  /** Runs `work` in one transaction: a failed write leaves nothing behind. */
  async transaction<T>(work: (store: TenantStore) => Promise<T>): Promise<T> {
    return this.db.transaction(async (trx) => work(new TenantStore(trx, this.tenantId)));
  }

  private records(collection: Collection): Knex.QueryBuilder {
    return this.db(TABLES.records).where({ tenant_id: this.tenantId, collection });
  }

  async list(collection: Collection): Promise<StoredRecord[]> {
    const rows: RecordRow[] = await this.records(collection).select('id', 'number', 'status', 'updated_at', 'data').orderBy('seq');
    return rows.map(toStored);
  }

  async get(collection: Collection, id: string): Promise<StoredRecord | undefined> {
    const row: RecordRow | undefined = await this.records(collection).andWhere('id', id.toLowerCase()).first('id', 'number', 'status', 'updated_at', 'data');
    return row ? toStored(row) : undefined;
  }

  async findByNumber(collection: Collection, number: string): Promise<StoredRecord | undefined> {
    const row: RecordRow | undefined = await this.records(collection).andWhere('number', number).first('id', 'number', 'status', 'updated_at', 'data');
    return row ? toStored(row) : undefined;
  }

  /** Records whose number column (e.g. a contact's name) equals `number`, ignoring case. */
  async findAllByNumberIgnoringCase(collection: Collection, number: string): Promise<StoredRecord[]> {
    const rows: RecordRow[] = await this.records(collection)
      .andWhereRaw('lower(number) = ?', [number.toLowerCase()])
      .select('id', 'number', 'status', 'updated_at', 'data');
    return rows.map(toStored);
  }

  async insert(collection: Collection, id: string, data: JsonObject, meta: WriteMeta): Promise<void> {
    const seq = await this.nextCounter(`seq:${collection}`);
    await this.db(TABLES.records).insert({
      tenant_id: this.tenantId,
      collection,
      id: id.toLowerCase(),
      number: meta.number ?? null,
      status: meta.status ?? null,
      updated_at: meta.updatedAt,
      seq,
      data: JSON.stringify(data),
    });
  }

  async update(collection: Collection, id: string, data: JsonObject, meta: WriteMeta): Promise<void> {
    await this.records(collection)
      .andWhere('id', id.toLowerCase())
      .update({ number: meta.number ?? null, status: meta.status ?? null, updated_at: meta.updatedAt, data: JSON.stringify(data) });
  }

  async remove(collection: Collection, id: string): Promise<void> {
    await this.records(collection).andWhere('id', id.toLowerCase()).delete();
  }

  /** Next value of a per-organisation counter (auto numbers, insertion order). */
  async nextCounter(name: string): Promise<number> {
    const row: { value: number } | undefined = await this.db(TABLES.counters).where({ tenant_id: this.tenantId, name }).first('value');
    const value = (row?.value ?? 0) + 1;
    if (row) await this.db(TABLES.counters).where({ tenant_id: this.tenantId, name }).update({ value });
    else await this.db(TABLES.counters).insert({ tenant_id: this.tenantId, name, value });
    return value;
  }

  /** Current value of a per-organisation counter (0 when never set). */
  async counter(name: string): Promise<number> {
    const row: { value: number | string } | undefined = await this.db(TABLES.counters).where({ tenant_id: this.tenantId, name }).first('value');
    return Number(row?.value ?? 0);
  }

  async setCounter(name: string, value: number): Promise<void> {
    const updated = await this.db(TABLES.counters).where({ tenant_id: this.tenantId, name }).update({ value });
    if (updated === 0) await this.db(TABLES.counters).insert({ tenant_id: this.tenantId, name, value });
  }

  raw(): Knex | Knex.Transaction {
    return this.db;
  }
}

/** SQL for projects, through the organisation's tenant handle only. */
import { randomUUID } from 'node:crypto';
import type { TenantDb } from '../db/tenant-db.js';
import { whereContains } from '../db/contains.js';
import { inIdOrder, type IdList } from '../db/paging.js';
import { dbTime, int, requiredInt, requiredText, text, type DbRow } from '../db/row-values.js';
import { PROJECT_STATUSES, type Project, type ProjectInput, type ProjectStatus, type ProjectSummary } from './project.js';
import type { ProjectListQuery } from './project-list.js';

const status = (v: unknown): ProjectStatus => PROJECT_STATUSES.find((s) => s === v) ?? 'active';
/** '' reads as none, like null. */
const optional = (row: DbRow, key: string): string | null => text(row, key) || null;

const summaryFromRow = (r: DbRow): ProjectSummary => ({
  id: requiredText(r, 'id'),
  name: requiredText(r, 'name'),
  contactId: optional(r, 'contact_id'),
  contactName: optional(r, 'contact_name'),
  status: status(r.status),
  startDate: optional(r, 'start_date'),
  endDate: optional(r, 'end_date'),
  budget: int(r, 'budget'),
});

const columns = (p: ProjectInput) => ({
  name: p.name,
  contact_id: p.contactId,
  status: p.status,
  start_date: p.startDate,
  end_date: p.endDate,
  budget: p.budget,
  description: p.description,
});

export function projectRepository(tdb: TenantDb) {
  const withContact = () => tdb.from('projects').leftJoin(tdb.scoped('contacts', 'c'), 'c.id', 'projects.contact_id');

  return {
    async list(query: ProjectListQuery): Promise<{ rows: ProjectSummary[]; total: number }> {
      const base = withContact();
      if (query.q) whereContains(base, ['projects.name', 'c.name'], query.q);
      if (query.status) base.where('projects.status', query.status);
      if (query.contactId) base.where('projects.contact_id', query.contactId);
      const column = { name: 'projects.name', customer: 'c.name', status: 'projects.status', start: 'projects.start_date' }[query.sort];
      const rows: DbRow[] = await base
        .clone()
        .select('projects.*', 'c.name as contact_name')
        .orderBy(column, query.dir)
        .orderBy('projects.name', 'asc')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      // A first page that is not full is the whole list: no count.
      const counted: DbRow | undefined = query.page === 1 && rows.length < query.pageSize ? { n: rows.length } : await base.clone().count({ n: '*' }).first();
      return { total: counted ? requiredInt(counted, 'n') : 0, rows: rows.map(summaryFromRow) };
    },

    /** A contact's projects as a list, latest started first (a contact's page reads its first ids with other kinds'). */
    contactList(contactId: string): IdList {
      return {
        base: tdb.from('projects').where('projects.contact_id', contactId),
        idColumn: 'projects.id',
        order: [
          ['projects.start_date', 'desc'],
          ['projects.name', 'asc'],
          ['projects.id', 'asc'],
        ],
      };
    },

    /** The summaries of these projects, in the order of `ids`. */
    async summaries(ids: readonly string[]): Promise<ProjectSummary[]> {
      const rows: DbRow[] = ids.length === 0 ? [] : await withContact().whereIn('projects.id', ids).select('projects.*', 'c.name as contact_name');
      return inIdOrder(ids, rows).map(summaryFromRow);
    },

    async find(id: string): Promise<Project | undefined> {
      const r: DbRow | undefined = await withContact().where('projects.id', id).first(['projects.*', 'c.name as contact_name']);
      if (!r) return undefined;
      return { ...summaryFromRow(r), description: optional(r, 'description') };
    },

    async insert(input: ProjectInput): Promise<string> {
      const id = randomUUID();
      await tdb.insert('projects', { id, ...columns(input) });
      return id;
    },

    update: (id: string, input: ProjectInput) => tdb.update('projects', { id }, { ...columns(input), updated_at: dbTime(new Date()) }),
    remove: (id: string) => tdb.delete('projects', { id }),
    exists: async (id: string) => (await tdb.from('projects').where({ id }).first('id')) !== undefined,
  };
}

export type ProjectRepository = ReturnType<typeof projectRepository>;

/** SQL for projects, through the organisation's tenant handle only. */
import { randomUUID } from 'node:crypto';
import type { TenantDb } from '../db/tenant-db.js';
import { whereContains } from '../db/contains.js';
import { int, nowIso, opt, optInt, str, type Row } from '../sales/row-values.js';
import type { LineForTotals } from './project-totals.js';
import { PROJECT_STATUSES, type Project, type ProjectInput, type ProjectStatus, type ProjectSummary } from './project.js';
import type { ProjectListQuery } from './project-list.js';

const status = (v: unknown): ProjectStatus => (PROJECT_STATUSES as readonly unknown[]).includes(v) ? (v as ProjectStatus) : 'active';

const columns = (p: ProjectInput) => ({
  name: p.name, contact_id: p.contactId, status: p.status, start_date: p.startDate, end_date: p.endDate, budget: p.budget, description: p.description,
});

export function projectRepository(tdb: TenantDb) {
  const withContact = () => tdb.from('projects').leftJoin(tdb.scoped('contacts', 'c'), 'c.id', 'projects.contact_id');

  return {
    async list(query: ProjectListQuery): Promise<{ rows: ProjectSummary[]; total: number }> {
      const base = withContact();
      if (query.q) whereContains(base, ['projects.name', 'c.name'], query.q);
      if (query.status) base.where('projects.status', query.status);
      if (query.contactId) base.where('projects.contact_id', query.contactId);
      const counted: Row | undefined = await base.clone().count({ n: '*' }).first();
      const orderCounts = tdb.from('sales_orders').select('project_id').count({ order_count: '*' }).whereNotNull('project_id').groupBy('project_id').as('oc');
      const column = { name: 'projects.name', customer: 'c.name', status: 'projects.status', start: 'projects.start_date' }[query.sort];
      const rows: Row[] = await base.clone().leftJoin(orderCounts, 'oc.project_id', 'projects.id')
        .select('projects.*', 'c.name as contact_name', 'oc.order_count')
        .orderBy(column, query.dir).orderBy('projects.name', 'asc')
        .limit(query.pageSize).offset((query.page - 1) * query.pageSize);
      return {
        total: int(counted?.n),
        rows: rows.map((r) => ({
          id: str(r.id), name: str(r.name), contactId: opt(r.contact_id), contactName: opt(r.contact_name), status: status(r.status),
          startDate: opt(r.start_date), endDate: opt(r.end_date), budget: optInt(r.budget), orderCount: int(r.order_count),
        })),
      };
    },

    async find(id: string): Promise<Project | undefined> {
      const r: Row | undefined = await withContact().where('projects.id', id).first(['projects.*', 'c.name as contact_name']);
      if (!r) return undefined;
      return {
        id: str(r.id), name: str(r.name), contactId: opt(r.contact_id), contactName: opt(r.contact_name), status: status(r.status),
        startDate: opt(r.start_date), endDate: opt(r.end_date), budget: optInt(r.budget), description: opt(r.description),
      };
    },

    async insert(input: ProjectInput): Promise<string> {
      const id = randomUUID();
      await tdb.insert('projects', { id, ...columns(input) });
      return id;
    },

    update: (id: string, input: ProjectInput) => tdb.update('projects', { id }, { ...columns(input), updated_at: nowIso() }),
    remove: (id: string) => tdb.delete('projects', { id }),
    orderCount: (id: string) => tdb.count('sales_orders', { project_id: id }),
    contactExists: async (contactId: string) => (await tdb.from('contacts').where({ id: contactId }).first('id')) !== undefined,

    /** Lines of the project's sales orders, for the cost side of its totals. */
    async orderLines(projectId: string): Promise<LineForTotals[]> {
      const rows: Row[] = await tdb.from('sales_order_lines').join(tdb.scoped('sales_orders', 'so'), 'so.id', 'sales_order_lines.sales_order_id')
        .where('so.project_id', projectId).select('sales_order_lines.sales_order_id', 'sales_order_lines.product_id', 'sales_order_lines.quantity');
      return rows.map((r) => ({ salesOrderId: str(r.sales_order_id), productId: opt(r.product_id), quantity: int(r.quantity) }));
    },
  };
}

export type ProjectRepository = ReturnType<typeof projectRepository>;

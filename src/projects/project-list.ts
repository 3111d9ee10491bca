/** The project list's query: search by name or customer, filter by status and customer, sort, paginate. */
import { parseListQuery, type ListQuery } from '../common/list-query.js';
import { PROJECT_STATUSES } from './project.js';

export const PROJECT_SORTS = ['name', 'customer', 'status', 'start'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export interface ProjectListQuery extends ListQuery<ProjectSort> {
  status: string;
  contactId: string;
}

export function parseProjectListQuery(raw: unknown): ProjectListQuery {
  const base = parseListQuery(raw, { sorts: PROJECT_SORTS, defaultSort: 'name' });
  const input = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const status = typeof input.status === 'string' ? input.status : '';
  const contactId = typeof input.contactId === 'string' && input.contactId.length <= 36 ? input.contactId : '';
  return { ...base, status: (PROJECT_STATUSES as readonly string[]).includes(status) ? status : '', contactId };
}

export function projectListParams(query: ProjectListQuery): Record<string, string> {
  const params: Record<string, string> = {};
  if (query.q) params.q = query.q;
  if (query.status) params.status = query.status;
  if (query.contactId) params.contactId = query.contactId;
  params.sort = query.sort;
  params.dir = query.dir;
  return params;
}

/** Projects in global search: by name or customer (the list's own search). */
import { STATUS_BADGES } from '../documents/index.js';
import type { SearchSource } from '../search/index.js';
import { parseProjectListQuery } from './project-list.js';
import { projectRepository } from './project-repository.js';
import { PROJECT_STATUS_LABELS } from './project.js';

export const projectSearch: SearchSource = {
  heading: 'Projects',
  listHref: (q) => `/projects?q=${encodeURIComponent(q)}`,
  async search(tdb, q, limit) {
    const { rows, total } = await projectRepository(tdb).list(parseProjectListQuery({ q }));
    return {
      total,
      hits: rows.slice(0, limit).map((p) => ({
        href: `/projects/${p.id}`,
        title: p.name,
        detail: p.contactName ?? '',
        status: { label: PROJECT_STATUS_LABELS[p.status], className: STATUS_BADGES[p.status] ?? 'badge' },
      })),
    };
  },
};

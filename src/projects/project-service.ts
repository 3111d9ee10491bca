/**
 * Project use-cases: create, edit, delete (only while nothing is in the project), and the project
 * page's data: a section per contribution (sales orders now) and the totals they add up to.
 */
import { ConflictError, NotFoundError, ValidationError } from '../common/errors.js';
import type { TenantDb } from '../db/tenant-db.js';
import { contactStanding } from '../contacts/index.js';
import { inputMoney } from '../common/money.js';
import { fieldErrorsOf, FORM_ERROR_MESSAGE, type FormValues } from '../http/form-input.js';
import type { ProjectContribution, ProjectSection } from './project-contributions.js';
import { projectRepository } from './project-repository.js';
import { projectSchema } from './project-schema.js';
import { projectTotals, type ProjectTotals } from './project-totals.js';
import type { ProjectListQuery } from './project-list.js';
import type { Project, ProjectInput, ProjectSummary } from './project.js';

export interface ProjectServiceDeps {
  tdb: TenantDb;
  /** What belongs to a project (sales orders now), in page order. */
  contributions: readonly ProjectContribution[];
}

export interface ProjectPage {
  project: Project;
  sections: ProjectSection[];
  totals: ProjectTotals;
}

export interface ProjectListPage {
  rows: (ProjectSummary & { counts: number[] })[];
  total: number;
  /** One column per contribution: 'Sales orders'. */
  countHeadings: string[];
}

export function projectService({ tdb, contributions }: ProjectServiceDeps) {
  const repo = projectRepository(tdb);

  async function get(id: string): Promise<Project> {
    const project = await repo.find(id);
    if (!project) throw new NotFoundError('project');
    return project;
  }

  async function validate(values: FormValues): Promise<ProjectInput> {
    const parsed = projectSchema.safeParse(values);
    const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
    // Another organisation's contact is simply not found here.
    if (parsed.success && parsed.data.contactId && !(await contactStanding(tdb, parsed.data.contactId))) errors.contactId = 'Choose a customer from the list.';
    if (!parsed.success || Object.keys(errors).length) throw new ValidationError(FORM_ERROR_MESSAGE, errors);
    return parsed.data;
  }

  return {
    get,
    async list(query: ProjectListQuery): Promise<ProjectListPage> {
      const page = await repo.list(query);
      const ids = page.rows.map((r) => r.id);
      const counts = await Promise.all(contributions.map((c) => c.counts(tdb, ids)));
      return {
        total: page.total,
        rows: page.rows.map((r) => ({ ...r, counts: counts.map((m) => m.get(r.id) ?? 0) })),
        countHeadings: contributions.map((c) => c.noun.heading),
      };
    },

    blankForm: (contactId = ''): FormValues => ({ name: '', contactId, status: 'active', startDate: '', endDate: '', budget: '', description: '' }),

    async editForm(id: string): Promise<{ project: Project; values: FormValues }> {
      const p = await get(id);
      return {
        project: p,
        values: {
          name: p.name,
          contactId: p.contactId ?? '',
          status: p.status,
          startDate: p.startDate ?? '',
          endDate: p.endDate ?? '',
          budget: p.budget === null ? '' : inputMoney(p.budget),
          description: p.description ?? '',
        },
      };
    },

    async create(values: FormValues): Promise<string> {
      const input = await validate(values);
      return repo.insert(input);
    },

    async update(id: string, values: FormValues): Promise<void> {
      await get(id);
      const input = await validate(values);
      await repo.update(id, input);
    },

    async remove(id: string): Promise<Project> {
      const project = await get(id);
      for (const c of contributions) {
        const n = (await c.counts(tdb, [id])).get(id) ?? 0;
        if (n > 0)
          throw new ConflictError(`${project.name} has ${n} ${n === 1 ? c.noun.one : c.noun.many}: move or delete them first, or mark the project completed.`);
      }
      await repo.remove(id);
      return project;
    },

    async page(id: string): Promise<ProjectPage> {
      const project = await get(id);
      const parts = await Promise.all(contributions.map((c) => c.section(tdb, project)));
      return { project, sections: parts.map((p) => p.section), totals: projectTotals(parts.map((p) => p.figures)) };
    },
  };
}

export type ProjectService = ReturnType<typeof projectService>;

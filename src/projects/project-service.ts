/**
 * Project use-cases: create, edit, delete (only without sales orders), and the project page's data:
 * its sales orders with revenue, cost, gross profit and margin.
 */
import { ConflictError, NotFoundError, ValidationError } from '../common/errors.js';
import type { TenantDb } from '../db/tenant-db.js';
import { salesOrderRepository, type SalesOrderSummary } from '../sales-orders/index.js';
import { fieldErrorsOf, type FormValues } from '../http/form-input.js';
import { FORM_ERROR_MESSAGE } from '../sales/document-validation.js';
import { inputMoney } from '../sales/money.js';
import { projectRepository } from './project-repository.js';
import { projectSchema } from './project-schema.js';
import { projectTotals, type ProjectTotals } from './project-totals.js';
import type { ProjectListQuery } from './project-list.js';
import type { Project, ProjectInput } from './project.js';

export interface ProjectServiceDeps {
  tdb: TenantDb;
  /** Cost prices (× 10,000) of the given products, where known: the cost side of project totals. */
  costPrices: (productIds: string[]) => Promise<Map<string, number>>;
}

export interface ProjectPage {
  project: Project;
  orders: SalesOrderSummary[];
  totals: ProjectTotals;
}

export function projectService({ tdb, costPrices }: ProjectServiceDeps) {
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
    if (parsed.success && parsed.data.contactId && !(await repo.contactExists(parsed.data.contactId))) errors.contactId = 'Choose a customer from the list.';
    if (!parsed.success || Object.keys(errors).length) throw new ValidationError(FORM_ERROR_MESSAGE, errors);
    return parsed.data;
  }

  return {
    get,
    list: (query: ProjectListQuery) => repo.list(query),

    blankForm: (contactId = ''): FormValues => ({ name: '', contactId, status: 'active', startDate: '', endDate: '', budget: '', description: '' }),

    async editForm(id: string): Promise<{ project: Project; values: FormValues }> {
      const p = await get(id);
      return {
        project: p,
        values: {
          name: p.name, contactId: p.contactId ?? '', status: p.status, startDate: p.startDate ?? '', endDate: p.endDate ?? '',
          budget: p.budget === null ? '' : inputMoney(p.budget), description: p.description ?? '',
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
      const orders = await repo.orderCount(id);
      if (orders > 0) throw new ConflictError(`${project.name} has ${orders} sales order${orders === 1 ? '' : 's'}: move or delete them first, or mark the project completed.`);
      await repo.remove(id);
      return project;
    },

    async page(id: string): Promise<ProjectPage> {
      const project = await get(id);
      const [orders, lines] = await Promise.all([salesOrderRepository(tdb).forProject(id), repo.orderLines(id)]);
      const costs = await costPrices([...new Set(lines.flatMap((l) => (l.productId ? [l.productId] : [])))]);
      return { project, orders, totals: projectTotals(orders, lines, costs) };
    },
  };
}

export type ProjectService = ReturnType<typeof projectService>;

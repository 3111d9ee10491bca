/** Project pages: list, new/edit, record page with its contributions' sections and totals, delete. */
import { Router, type Request, type Response } from 'express';
import { ValidationError } from '../common/errors.js';
import { flash } from '../http/flash.js';
import { idParam } from '../http/params.js';
import { requestContext } from '../http/request-context.js';
import { contactChoices, contactFilterChoices } from '../contacts/index.js';
import { parseFormAction } from '../documents/index.js';
import type { FormValues } from '../http/form-input.js';
import { renderRecordPanels, type RecordPanel } from '../http/record-panels.js';
import type { ProjectContribution } from './project-contributions.js';
import { parseProjectListQuery } from './project-list.js';
import { readProjectForm } from './project-schema.js';
import { projectService } from './project-service.js';
import { projectFormView, projectListView, projectPageView } from './project-view-model.js';

export interface ProjectRoutesDeps {
  /** What belongs to a project (sales orders now; purchase orders and contracts next). */
  contributions: readonly ProjectContribution[];
  /** Other capabilities' parts of the project's page, at its end (its History), wired in app.ts. */
  pagePanels?: readonly RecordPanel[];
}

async function renderForm(
  res: Response,
  status: number,
  page: { title: string; formAction: string; cancelHref: string },
  values: FormValues,
  error?: ValidationError,
) {
  const contacts = await contactChoices(requestContext(res).tdb, values.contactId || null, values.contactSearch ?? '');
  res.status(status).render('projects/form', { ...page, form: projectFormView(values, contacts, error?.fieldErrors, error?.message ?? null) });
}

async function save(
  req: Request,
  res: Response,
  page: { title: string; formAction: string; cancelHref: string },
  write: (values: FormValues) => Promise<string>,
) {
  const values = readProjectForm(req.body);
  // "Find contact" re-renders the form with the matching contacts; nothing is written.
  if (parseFormAction(req.body).kind === 'find-contact') return renderForm(res, 200, page, values);
  try {
    const id = await write(values);
    flash(req, 'success', 'Project saved.');
    res.redirect(303, `/projects/${id}`);
  } catch (error) {
    if (error instanceof ValidationError) return renderForm(res, 422, page, values, error);
    throw error;
  }
}

export function projectRoutes({ contributions, pagePanels = [] }: ProjectRoutesDeps): Router {
  const router = Router();
  const serviceFor = (res: Response) => {
    const ctx = requestContext(res);
    return { ctx, projects: projectService({ tdb: ctx.tdb, contributions }), base: ctx.organisation.baseCurrency ?? 'AUD' };
  };

  router.get('/projects', async (req, res) => {
    const { ctx, projects, base } = serviceFor(res);
    const query = parseProjectListQuery(req.query);
    const [result, contacts] = await Promise.all([projects.list(query), contactFilterChoices(ctx.tdb, query.contactId || null)]);
    res.render('projects/list', { title: 'Projects', list: projectListView(result, query, contacts.choices, base) });
  });

  router.get('/projects/new', async (req, res) => {
    const { projects } = serviceFor(res);
    const contactId = typeof req.query.contactId === 'string' ? req.query.contactId.slice(0, 36) : '';
    await renderForm(res, 200, { title: 'New project', formAction: '/projects/new', cancelHref: '/projects' }, projects.blankForm(contactId));
  });

  router.post('/projects/new', async (req, res) => {
    const { projects } = serviceFor(res);
    await save(req, res, { title: 'New project', formAction: '/projects/new', cancelHref: '/projects' }, (values) => projects.create(values));
  });

  router.get('/projects/:id', async (req, res) => {
    const { ctx, projects, base } = serviceFor(res);
    const page = await projects.page(idParam(req, 'project'));
    const recordPanels = await renderRecordPanels(pagePanels, ctx, page.project);
    res.render('projects/show', { title: page.project.name, project: projectPageView(page.project, page.sections, page.totals, base), recordPanels });
  });

  router.get('/projects/:id/edit', async (req, res) => {
    const { projects } = serviceFor(res);
    const { project, values } = await projects.editForm(idParam(req, 'project'));
    await renderForm(res, 200, { title: `Edit ${project.name}`, formAction: `/projects/${project.id}/edit`, cancelHref: `/projects/${project.id}` }, values);
  });

  router.post('/projects/:id/edit', async (req, res) => {
    const { projects } = serviceFor(res);
    const project = await projects.get(idParam(req, 'project'));
    const page = { title: `Edit ${project.name}`, formAction: `/projects/${project.id}/edit`, cancelHref: `/projects/${project.id}` };
    await save(req, res, page, async (values) => {
      await projects.update(project.id, values);
      return project.id;
    });
  });

  router.get('/projects/:id/delete', async (req, res) => {
    const { projects } = serviceFor(res);
    const project = await projects.get(idParam(req, 'project'));
    res.render('projects/delete', { title: `Delete ${project.name}`, project: { id: project.id, name: project.name } });
  });

  router.post('/projects/:id/delete', async (req, res) => {
    const { projects } = serviceFor(res);
    const project = await projects.remove(idParam(req, 'project'));
    flash(req, 'success', `Project ${project.name} deleted.`);
    res.redirect(303, '/projects');
  });

  return router;
}

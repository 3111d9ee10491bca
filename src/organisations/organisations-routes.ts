import { Router } from 'express';
import { z } from 'zod';
import { flash } from '../http/flash.js';
import { AppError, NotFoundError } from '../common/errors.js';
import { requireSignIn, signedInUser } from '../http/request-context.js';
import type { OrganisationsService } from './organisations-service.js';
import { organisationsView } from './organisations-view-model.js';

const idParam = z.uuid();

export function organisationsRoutes(deps: { service: OrganisationsService }): Router {
  const router = Router();
  const param = (raw: unknown) => {
    const parsed = idParam.safeParse(raw);
    if (!parsed.success) throw new NotFoundError('organisation');
    return parsed.data;
  };

  router.get('/organisations', requireSignIn, (_req, res) => {
    res.render('organisations/list', { title: 'Organisations', ...organisationsView(signedInUser(res).organisations, new Date()) });
  });

  router.post('/organisations/switch', requireSignIn, async (req, res) => {
    const organisationId = z.object({ organisationId: z.string() }).safeParse(req.body);
    const organisation = organisationId.success
      ? await deps.service.memberOrganisation(signedInUser(res).user.id, organisationId.data.organisationId).catch(() => undefined)
      : undefined;
    if (!organisation) throw new NotFoundError('organisation');
    req.session.organisationId = organisation.id;
    flash(req, 'info', `Now working in ${organisation.name}.`);
    res.redirect(303, '/dashboard');
  });

  router.post('/organisations/:id/disconnect', requireSignIn, async (req, res) => {
    const organisation = await deps.service.disconnect(signedInUser(res).user.id, param(req.params.id));
    flash(req, 'success', `${organisation.name} is disconnected from Xero. Its Ledgerside data is kept, read-only, until you delete it or reconnect.`);
    res.redirect(303, '/organisations');
  });

  router.post('/organisations/:id/reconnect', requireSignIn, async (req, res) => {
    await deps.service.memberOrganisation(signedInUser(res).user.id, param(req.params.id));
    req.session.returnTo = '/organisations';
    res.redirect(307, '/auth/xero');
  });

  router.get('/organisations/:id/delete-data', requireSignIn, async (req, res) => {
    const organisation = await deps.service.memberOrganisation(signedInUser(res).user.id, param(req.params.id));
    res.render('organisations/delete-data', { title: `Delete ${organisation.name}'s data`, target: organisation, error: undefined, confirmName: '' });
  });

  router.post('/organisations/:id/delete-data', requireSignIn, async (req, res) => {
    const id = param(req.params.id);
    const confirmName = typeof req.body?.confirmName === 'string' ? req.body.confirmName : '';
    try {
      const organisation = await deps.service.deleteData(signedInUser(res).user.id, id, confirmName);
      if (req.session.organisationId === organisation.id) delete req.session.organisationId;
      flash(req, 'success', `Everything Ledgerside held for ${organisation.name} has been deleted.`);
      res.redirect(303, '/organisations');
    } catch (error) {
      // Only the service's typed refusals (still connected, name mismatch) are shown; anything else
      // goes to the error handler, which logs it and shows the generic message.
      if (!(error instanceof AppError) || (error.status !== 409 && error.status !== 422)) throw error;
      const organisation = await deps.service.memberOrganisation(signedInUser(res).user.id, id);
      res
        .status(422)
        .render('organisations/delete-data', { title: `Delete ${organisation.name}'s data`, target: organisation, error: error.message, confirmName });
    }
  });

  return router;
}

/** `GET /connections[?authEventId=]` and `DELETE /connections/{id}`, as api.xero.com serves them. */
import { Router } from 'express';
import { verifyBearer } from './authenticate.js';
import { deleteConnection, listConnections } from './connections-repository.js';
import { identityPaths, type IdentityDeps } from './identity-deps.js';
import { connectionDate } from './xero-dates.js';

export function connectionsRoutes(deps: IdentityDeps): Router {
  const router = Router();

  router.get(identityPaths.connections, async (req, res) => {
    const claims = await verifyBearer(deps, req, res);
    if (!claims) return;
    const authEventId = typeof req.query.authEventId === 'string' && req.query.authEventId !== '' ? req.query.authEventId : undefined;
    const connections = await listConnections(deps.db, { userId: claims.userId, clientId: claims.clientId, authEventId });
    const body = await Promise.all(
      connections.map(async (c) => ({
        id: c.id,
        authEventId: c.authEventId,
        tenantId: c.tenantId,
        tenantType: 'ORGANISATION',
        tenantName: (await deps.accounting.getOrganisation(deps.db, c.tenantId))?.name ?? null,
        createdDateUtc: connectionDate(c.createdAt),
        updatedDateUtc: connectionDate(c.updatedAt),
      })),
    );
    res.json(body);
  });

  router.delete(`${identityPaths.connections}/:id`, async (req, res) => {
    const claims = await verifyBearer(deps, req, res);
    if (!claims) return;
    const deleted = await deleteConnection(deps.db, { id: req.params.id, userId: claims.userId, clientId: claims.clientId });
    if (!deleted) {
      res.status(404).json({ Title: 'Not Found', Status: 404, Detail: 'Connection not found' });
      return;
    }
    res.status(204).end();
  });

  return router;
}

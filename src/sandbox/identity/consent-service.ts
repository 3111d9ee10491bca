/** Turning the user's Allow into connections, a grant and a single-use authorization code. */
import { createHash, randomBytes } from 'node:crypto';
import type { AuthorizeParams } from './authorize-params.js';
import { redirectWith } from './authorize-params.js';
import { upsertConnection } from './connections-repository.js';
import { insertCode, insertGrant } from './grants-repository.js';
import { lifetimes, type IdentityDeps } from './identity-deps.js';
import { needsOrganisations } from './scopes.js';
import type { SandboxSession } from './sessions-repository.js';
import { userHasOrganisation } from './users-repository.js';

export type ConsentResult = { ok: true; redirectUrl: string } | { ok: false; errors: string[] };

export async function approve(deps: IdentityDeps, input: { params: AuthorizeParams; session: SandboxSession; tenantIds: string[] }): Promise<ConsentResult> {
  const { params, session } = input;
  const tenantIds = needsOrganisations(params.scopes) ? [...new Set(input.tenantIds)] : [];
  if (needsOrganisations(params.scopes) && tenantIds.length === 0) {
    return { ok: false, errors: ['Choose at least one organisation to connect.'] };
  }
  for (const tenantId of tenantIds) {
    if (!(await userHasOrganisation(deps.db, session.userId, tenantId))) {
      return { ok: false, errors: ['You can only connect your own organisations.'] };
    }
  }
  const now = deps.clock.now();
  const code = randomBytes(32).toString('base64url');
  await deps.db.transaction(async (trx) => {
    const grant = await insertGrant(trx, {
      userId: session.userId,
      clientId: params.clientId,
      scopes: params.scopes,
      sid: createHash('sha256').update(session.id).digest('hex').slice(0, 32).toUpperCase(),
      globalSessionId: session.globalSessionId,
      authTime: session.authTime,
      createdAt: now,
    });
    for (const tenantId of tenantIds) {
      await upsertConnection(trx, { userId: session.userId, clientId: params.clientId, tenantId, authEventId: grant.authEventId, now });
    }
    await insertCode(trx, code, {
      grantId: grant.id,
      redirectUri: params.redirectUri,
      nonce: params.nonce,
      codeChallenge: params.codeChallenge,
      expiresAt: now + lifetimes.codeMs,
    });
  });
  return {
    ok: true,
    redirectUrl: redirectWith(params.redirectUri, {
      code,
      scope: params.scopes.join(' '),
      state: params.state,
      session_state: randomBytes(16).toString('base64url'),
    }),
  };
}

export const cancelRedirect = (params: AuthorizeParams): string => redirectWith(params.redirectUri, { error: 'access_denied', state: params.state });

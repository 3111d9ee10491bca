/**
 * What happens when Xero sends a user back: the user is created or updated from the verified ID token,
 * the token set is stored (encrypted), the organisations connected in this consent become
 * organisations and memberships, and each one's details are read from Xero's Organisation endpoint.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database, Transaction } from '../db/database.js';
import type { Logger } from '../common/logger.js';
import { AppError } from '../common/errors.js';
import { dbTime } from '../db/row-values.js';
import { accessTokenClaims, connectionsRepository, organisationDetailsFromXero, toStoredTokenSet, type XeroServices } from '../xero/index.js';
import { organisationsRepository } from '../organisations/index.js';
import { recordOrganisationChange } from '../audit/index.js';
import { displayName } from '../common/tenancy.js';
import { tenantDb } from '../db/tenant-db.js';

export class SignInFailedError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('sign_in_failed', 400, message, options);
  }
}

const idTokenClaimsSchema = z.object({
  sub: z.string(),
  xero_userid: z.string().optional(),
  email: z.string().default(''),
  given_name: z.string().default(''),
  family_name: z.string().default(''),
});

export interface SignInResult {
  userId: string;
  /** Organisations connected by this consent (may be empty when the user only signed in). */
  connectedOrganisationIds: string[];
}

interface TokenSetLike {
  access_token?: string;
  refresh_token?: string;
  id_token?: string;
  token_type?: string;
  scope?: string;
  expires_at?: number;
  claims(): Record<string, unknown>;
}

export interface SignInDeps {
  db: Database;
  xero: XeroServices;
  logger: Logger;
  now?: () => number;
  /** Told which organisations this consent connected, once they are saved (e.g. to fill their settings cache). */
  onConnected?: (organisationIds: string[]) => void;
}

export function signInService(deps: SignInDeps) {
  const now = () => new Date((deps.now ?? Date.now)());
  const connections = connectionsRepository(deps.db);
  const tenants = organisationsRepository(deps.db);

  async function upsertUser(q: Transaction, claims: z.infer<typeof idTokenClaimsSchema>, at: Date): Promise<string> {
    const xeroUserId = claims.xero_userid ?? claims.sub;
    const existing: { id: string } | undefined = await q('users').where({ xero_user_id: xeroUserId }).first('id');
    const values = { email: claims.email, first_name: claims.given_name, last_name: claims.family_name, last_sign_in_at: dbTime(at), updated_at: dbTime(at) };
    if (existing) {
      await q('users').where({ id: existing.id }).update(values);
      return existing.id;
    }
    const id = randomUUID();
    await q('users').insert({ id, xero_user_id: xeroUserId, created_at: dbTime(at), ...values });
    return id;
  }

  /** The organisation of a Xero tenant, connected; `was` says what it was before (null: new). */
  async function upsertOrganisation(q: Transaction, tenantId: string, name: string, at: Date): Promise<{ id: string; was: string | null }> {
    const existing: { id: string; status: string } | undefined = await q('organisations').where({ xero_tenant_id: tenantId }).first('id', 'status');
    if (existing) {
      await q('organisations')
        .where({ id: existing.id })
        .update({ name, status: 'connected', last_xero_error: null, updated_at: dbTime(at) });
      return { id: existing.id, was: existing.status };
    }
    const id = randomUUID();
    await q('organisations').insert({ id, xero_tenant_id: tenantId, name, status: 'connected', created_at: dbTime(at), updated_at: dbTime(at) });
    return { id, was: null };
  }

  /**
   * The user's membership; the user becomes the admin of an organisation that has none (the first to
   * connect it). Answers whether the membership is new, and the role.
   */
  async function ensureMembership(q: Transaction, userId: string, organisationId: string, at: Date): Promise<{ joined: boolean; role: string }> {
    const member: { role: string } | undefined = await q('memberships').where({ user_id: userId, organisation_id: organisationId }).first('role');
    const admin = await q('memberships').where({ organisation_id: organisationId, role: 'admin' }).first('user_id');
    const role = admin && admin.user_id !== userId ? (member?.role ?? 'member') : 'admin';
    if (member) {
      if (member.role !== role) await q('memberships').where({ user_id: userId, organisation_id: organisationId }).update({ role });
      return { joined: false, role };
    }
    await q('memberships').insert({ user_id: userId, organisation_id: organisationId, role, created_at: dbTime(at) });
    return { joined: true, role };
  }

  async function refreshOrganisationDetails(organisationId: string): Promise<void> {
    const organisation = await tenants.findOrganisation(organisationId);
    if (!organisation) return;
    try {
      const details = organisationDetailsFromXero(await deps.xero.gateway.forOrganisation(organisation).getOrganisation());
      await tenants.saveXeroDetails(organisation.id, { ...details, name: details.name ?? organisation.name });
    } catch (error) {
      // Not fatal for sign-in: the organisation works without these details and the daily check retries.
      deps.logger.warn({ organisationId, err: error instanceof Error ? error.message : String(error) }, 'could not read organisation details from Xero');
    }
  }

  return {
    async complete(tokenSet: TokenSetLike): Promise<SignInResult> {
      const at = now();
      const claims = idTokenClaimsSchema.safeParse(tokenSet.claims());
      if (!claims.success) throw new SignInFailedError('Xero did not tell us who you are. Please try signing in again.', { cause: claims.error });
      const stored = toStoredTokenSet(tokenSet, at.getTime());
      const authEventId = accessTokenClaims(stored.access_token).authentication_event_id;
      let connected = await deps.xero.connectionsApi.list(stored.access_token, typeof authEventId === 'string' ? authEventId : undefined);
      // A returning user who connected nothing new: keep their memberships true to what Xero lists.
      if (connected.length === 0) connected = await deps.xero.connectionsApi.list(stored.access_token);
      const organisations = connected.filter((c) => c.tenantType === 'ORGANISATION');

      const result = await deps.db.transaction(async (trx) => {
        const userId = await upsertUser(trx, claims.data, at);
        const ids: string[] = [];
        const userName = displayName({ firstName: claims.data.given_name, lastName: claims.data.family_name, email: claims.data.email });
        for (const connection of organisations) {
          const organisation = await upsertOrganisation(trx, connection.tenantId, connection.tenantName ?? 'Xero organisation', at);
          const membership = await ensureMembership(trx, userId, organisation.id, at);
          // The audit trail's "connected": a new organisation, one that was not connected, or a user who
          // connected it through their own consent. A returning member's sign-in is not a connection.
          const detail =
            organisation.was === null
              ? `Connected to Xero for the first time; ${userName} is its admin.`
              : organisation.was !== 'connected'
                ? 'Reconnected to Xero.'
                : membership.joined
                  ? `Joined as ${membership.role === 'admin' ? 'an admin' : 'a member'} by connecting it through their own Xero sign-in.`
                  : null;
          if (detail) await recordOrganisationChange(tenantDb(trx, organisation.id), { action: 'connected', userId, userName, detail }, at);
          ids.push(organisation.id);
        }
        return { userId, ids };
      });
      const grantId = await deps.xero.tokenStore.saveConsent(result.userId, stored, at);
      for (const [index, connection] of organisations.entries()) {
        const organisationId = result.ids[index];
        if (organisationId) await connections.upsert({ id: connection.id, organisationId, grantId }, at);
      }
      for (const organisationId of result.ids) await refreshOrganisationDetails(organisationId);
      if (result.ids.length) deps.onConnected?.(result.ids);
      deps.logger.info({ userId: result.userId, organisations: result.ids.length }, 'signed in with Xero');
      return { userId: result.userId, connectedOrganisationIds: result.ids };
    },
  };
}

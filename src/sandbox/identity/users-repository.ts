/** Sandbox Xero users (one per email address) and the organisations each can see. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { asRow, asRows, num, str, type Row } from './rows.js';

export interface SandboxUser {
  /** The xero_userid claim. */
  id: string;
  /** The OIDC `sub` claim (Xero's are 32 hex digits). */
  sub: string;
  email: string;
  firstName: string;
  lastName: string;
  createdAt: number;
}

const toUser = (r: Row): SandboxUser => ({
  id: str(r, 'id'),
  sub: str(r, 'sub'),
  email: str(r, 'email'),
  firstName: str(r, 'first_name'),
  lastName: str(r, 'last_name'),
  createdAt: num(r, 'created_at'),
});

const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export async function findUserByEmail(db: Knex, email: string): Promise<SandboxUser | undefined> {
  const row = asRow(
    await db('identity_users')
      .where({ email: normaliseEmail(email) })
      .first(),
  );
  return row && toUser(row);
}

export async function getUser(db: Knex, id: string): Promise<SandboxUser | undefined> {
  const row = asRow(await db('identity_users').where({ id }).first());
  return row && toUser(row);
}

export async function insertUser(db: Knex, input: { email: string; firstName: string; lastName: string; now: number }): Promise<SandboxUser> {
  const user: SandboxUser = {
    id: randomUUID(),
    sub: randomBytes(16).toString('hex'),
    email: normaliseEmail(input.email),
    firstName: input.firstName,
    lastName: input.lastName,
    createdAt: input.now,
  };
  await db('identity_users').insert({
    id: user.id,
    sub: user.sub,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    created_at: user.createdAt,
  });
  return user;
}

export async function updateUserNames(db: Knex, id: string, firstName: string, lastName: string): Promise<void> {
  await db('identity_users').where({ id }).update({ first_name: firstName, last_name: lastName });
}

export async function addUserOrganisation(db: Knex, userId: string, tenantId: string, now: number): Promise<void> {
  await db('identity_user_organisations').insert({ user_id: userId, tenant_id: tenantId, created_at: now }).onConflict(['user_id', 'tenant_id']).ignore();
}

/** In the order they were added (SQLite's rowid), so the seeded demo companies keep their order. */
export async function listUserOrganisationIds(db: Knex, userId: string): Promise<string[]> {
  const rows = asRows(await db('identity_user_organisations').where({ user_id: userId }).orderBy('rowid'));
  return rows.map((r) => str(r, 'tenant_id'));
}

export async function userHasOrganisation(db: Knex, userId: string, tenantId: string): Promise<boolean> {
  return asRow(await db('identity_user_organisations').where({ user_id: userId, tenant_id: tenantId }).first()) !== undefined;
}

/** Sandbox users: sign in by email (first sign-in seeds the demo companies) and add organisations. */
import { randomUUID } from 'node:crypto';
import type { OrganisationSeed, SandboxOrganisation } from '../identity-accounting-seam.js';
import type { IdentityDeps } from './identity-deps.js';
import { createSession, type SandboxSession } from './sessions-repository.js';
import { addUserOrganisation, findUserByEmail, insertUser, listUserOrganisationIds, updateUserNames, type SandboxUser } from './users-repository.js';

export const demoOrganisations: readonly OrganisationSeed[] = [
  { name: 'Demo Company (AU)', countryCode: 'AU' },
  { name: 'Demo Company (NZ)', countryCode: 'NZ' },
  { name: 'Demo Company (UK)', countryCode: 'GB' },
  { name: 'Demo Company (US)', countryCode: 'US' },
];

export const countryCodes: readonly OrganisationSeed['countryCode'][] = ['AU', 'NZ', 'GB', 'US'];

export interface SignInInput {
  email: string;
  firstName: string;
  lastName: string;
}

export function validateSignIn(input: SignInInput): string[] {
  const errors: string[] = [];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email.trim()) || input.email.length > 254) {
    errors.push('Enter a valid email address.');
  }
  if (input.firstName.trim() === '' || input.firstName.length > 100) errors.push('Enter a first name (up to 100 characters).');
  if (input.lastName.trim() === '' || input.lastName.length > 100) errors.push('Enter a last name (up to 100 characters).');
  return errors;
}

export async function addOrganisation(deps: IdentityDeps, userId: string, seed: OrganisationSeed): Promise<SandboxOrganisation> {
  const organisation = await deps.accounting.createOrganisation(deps.db, seed, deps.clock.now());
  await addUserOrganisation(deps.db, userId, organisation.tenantId, deps.clock.now());
  return organisation;
}

/** Finds or creates the user for this email, seeding the demo companies on their first sign-in. */
export async function signIn(deps: IdentityDeps, input: SignInInput): Promise<{ user: SandboxUser; session: SandboxSession }> {
  const firstName = input.firstName.trim();
  const lastName = input.lastName.trim();
  let user = await findUserByEmail(deps.db, input.email);
  if (!user) {
    user = await insertUser(deps.db, { email: input.email, firstName, lastName, now: deps.clock.now() });
    for (const seed of demoOrganisations) await addOrganisation(deps, user.id, seed);
  } else if (user.firstName !== firstName || user.lastName !== lastName) {
    await updateUserNames(deps.db, user.id, firstName, lastName);
    user = { ...user, firstName, lastName };
  }
  const session = await createSession(deps.db, user.id, randomUUID().replace(/-/g, ''), deps.clock.now());
  return { user, session };
}

export async function listUserOrganisations(deps: IdentityDeps, userId: string): Promise<SandboxOrganisation[]> {
  const ids = await listUserOrganisationIds(deps.db, userId);
  const organisations = await Promise.all(ids.map((id) => deps.accounting.getOrganisation(deps.db, id)));
  return organisations.filter((o): o is SandboxOrganisation => o !== undefined);
}

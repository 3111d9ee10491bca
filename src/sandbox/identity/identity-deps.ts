import type { Knex } from 'knex';
import type { AccountingSide, SandboxClock } from '../identity-accounting-seam.js';
import type { RegisteredClient } from '../sandbox-config.js';
import type { SigningKeys } from './signing-keys.js';

/** What every part of the identity side works with; built once by createSandboxApp. */
export interface IdentityDeps {
  db: Knex;
  clock: SandboxClock;
  keys: SigningKeys;
  /** Public origin without a trailing slash (the `iss` of every token). */
  issuer: string;
  clients: readonly RegisteredClient[];
  accounting: AccountingSide;
}

export const lifetimes = {
  accessTokenSeconds: 30 * 60,
  idTokenSeconds: 5 * 60,
  codeMs: 5 * 60 * 1000,
  refreshIdleMs: 60 * 24 * 60 * 60 * 1000,
  refreshGraceMs: 30 * 60 * 1000,
  /** How long the sign-in and consent forms stay usable. */
  authorizeRequestMs: 30 * 60 * 1000,
  sessionMs: 12 * 60 * 60 * 1000,
} as const;

export const findClient = (deps: IdentityDeps, clientId: string): RegisteredClient | undefined => deps.clients.find((c) => c.clientId === clientId);

export const accessTokenAudience = (issuer: string): string => `${issuer}/resources`;

/** Where the identity side answers; advertised in the discovery document. */
export const identityPaths = {
  discovery: '/.well-known/openid-configuration',
  jwks: '/.well-known/openid-configuration/jwks',
  authorize: '/identity/connect/authorize',
  token: '/connect/token',
  revocation: '/connect/revocation',
  userinfo: '/connect/userinfo',
  signIn: '/identity/sign-in',
  consent: '/identity/connect/consent',
  signOut: '/identity/sign-out',
  myXero: '/identity/my-xero',
  connections: '/connections',
} as const;

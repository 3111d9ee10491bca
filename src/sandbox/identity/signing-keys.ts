/**
 * The sandbox's RS256 signing key: generated on first start and kept in the sandbox DB, so tokens
 * issued before a restart still verify after it.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Knex } from 'knex';

export interface SigningKeys {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public half, as published at the JWKS endpoint. */
  publicJwk: JWK;
}

const SETTING = 'rs256_signing_key';

function parseStoredJwk(raw: string): JWK & { kid: string } {
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null) throw new Error('stored signing key is not a JWK');
  const jwk = parsed as Record<string, unknown>;
  if (jwk.kty !== 'RSA' || typeof jwk.kid !== 'string' || typeof jwk.d !== 'string') {
    throw new Error('stored signing key is not a private RSA JWK');
  }
  return { ...(jwk as JWK), kid: jwk.kid };
}

async function toKeys(privateJwk: JWK & { kid: string }): Promise<SigningKeys> {
  const { kty, n, e, kid } = privateJwk;
  const publicJwk: JWK = { kty, n, e, kid, alg: 'RS256', use: 'sig' };
  const privateKey = await importJWK({ ...privateJwk, alg: 'RS256' }, 'RS256');
  const publicKey = await importJWK(publicJwk, 'RS256');
  if (privateKey instanceof Uint8Array || publicKey instanceof Uint8Array) throw new Error('unexpected key type');
  return { kid, privateKey, publicKey, publicJwk };
}

export async function loadOrCreateSigningKeys(db: Knex): Promise<SigningKeys> {
  const row: unknown = await db('identity_settings').where({ key: SETTING }).first('value');
  if (row && typeof row === 'object' && 'value' in row && typeof row.value === 'string') {
    return toKeys(parseStoredJwk(row.value));
  }
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID().replace(/-/g, '') };
  // Two sandboxes starting on one file at once: the first insert wins, the other reads it back.
  await db('identity_settings')
    .insert({ key: SETTING, value: JSON.stringify(jwk) })
    .onConflict('key')
    .ignore();
  const stored: unknown = await db('identity_settings').where({ key: SETTING }).first('value');
  if (stored && typeof stored === 'object' && 'value' in stored && typeof stored.value === 'string') {
    return toKeys(parseStoredJwk(stored.value));
  }
  throw new Error('could not store the sandbox signing key');
}

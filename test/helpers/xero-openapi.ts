/**
 * Validates response bodies against Xero's own OpenAPI description of the Accounting API, so the
 * sandbox is held to the same wire format as real Xero.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load as loadYaml } from 'js-yaml';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { expect } from 'chai';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Xero's OpenAPI files, kept in the repository with their licence (see the folder's LICENSE). */
export const xeroOpenApiDir = path.resolve(repoRoot, 'test/fixtures/xero-openapi');
export const xeroAccountingSpecPath = path.join(xeroOpenApiDir, 'xero_accounting.yaml');
export const xeroWebhooksSpecPath = path.join(xeroOpenApiDir, 'xero-webhooks.yaml');
export const xeroIdentitySpecPath = path.join(xeroOpenApiDir, 'xero-identity.yaml');

// Xero writes dates as "/Date(ms+0000)/" or ISO strings even where the spec says `format: date`.
const XERO_DATE = /^(\/Date\(-?\d+([+-]\d{4})?\)\/|\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)$/;

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function schemasOf(file: string): Record<string, unknown> {
  const spec: unknown = loadYaml(fs.readFileSync(file, 'utf8'));
  if (!isRecord(spec) || !isRecord(spec['components']) || !isRecord(spec['components']['schemas'])) {
    throw new Error(`No components.schemas in ${file}`);
  }
  return spec['components']['schemas'];
}

function loadAjv(): Ajv {
  if (ajv) return ajv;
  const instance = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  // ajv-formats is CommonJS: under NodeNext its plugin function is the `default` member.
  addFormatsModule.default(instance);
  instance.addFormat('date', XERO_DATE);
  instance.addFormat('date-time', XERO_DATE);
  instance.addFormat('double', true);
  instance.addFormat('int32', true);
  instance.addFormat('binary', true);
  instance.addFormat('byte', true);
  instance.addSchema({ components: { schemas: schemasOf(xeroAccountingSpecPath) } }, 'xero-accounting');
  instance.addSchema({ components: { schemas: schemasOf(xeroWebhooksSpecPath) } }, 'xero-webhooks');
  instance.addSchema({ components: { schemas: schemasOf(xeroIdentitySpecPath) } }, 'xero-identity');
  ajv = instance;
  return instance;
}

function expectValid(spec: 'xero-accounting' | 'xero-webhooks' | 'xero-identity', schemaName: string, body: unknown): void {
  const instance = loadAjv();
  const ref = `${spec}#/components/schemas/${schemaName}`;
  let validate = compiled.get(ref);
  if (!validate) {
    validate = instance.compile({ $ref: ref });
    compiled.set(ref, validate);
  }
  const ok = validate(body);
  const problems = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  expect(ok, `body is not a valid Xero ${schemaName}: ${problems.join('; ')}`).to.equal(true);
}

/** Asserts that `body` validates against `#/components/schemas/<schemaName>` of Xero's Accounting spec. */
export function expectValidXero(schemaName: string, body: unknown): void {
  expectValid('xero-accounting', schemaName, body);
}

/** Asserts that a webhook delivery body validates against Xero's webhooks spec (`WebhookEvent`). */
export function expectValidXeroWebhook(body: unknown): void {
  expectValid('xero-webhooks', 'WebhookEvent', body);
}

/** Asserts that `body` validates against `#/components/schemas/<schemaName>` of Xero's Identity spec (connections). */
export function expectValidXeroIdentity(schemaName: string, body: unknown): void {
  expectValid('xero-identity', schemaName, body);
}

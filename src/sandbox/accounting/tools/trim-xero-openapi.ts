/**
 * Copies Xero's OpenAPI files into `test/fixtures/xero-openapi/` from a checkout of
 * https://github.com/XeroAPI/Xero-OpenAPI (its `xero_accounting.yaml`, `xero-webhooks.yaml`,
 * `xero-identity.yaml`): `npx tsx src/sandbox/accounting/tools/trim-xero-openapi.ts <dir>`.
 *
 * The webhooks and identity files are copied as they are. The accounting file keeps its header and
 * its whole `components` section, line for line, with `paths: {}` in place of the ~19,700 lines of
 * operations and examples: the tests and the spec-members generator read schemas only, and
 * keeping every schema means a new entity (credit notes, purchase orders) needs no re-trim.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixtureDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures/xero-openapi');

/** The accounting spec without its operations: every top-level section but `paths`, verbatim. */
export function trimAccountingSpec(upstream: string): string {
  const lines = upstream.split('\n');
  const top = (line: string): boolean => /^[A-Za-z]/.test(line);
  const start = lines.findIndex((line) => line.startsWith('paths:'));
  if (start < 0) throw new Error('no top-level paths: section');
  let end = start + 1;
  while (end < lines.length && !top(lines[end] ?? '')) end += 1;
  return [...lines.slice(0, start), 'paths: {}', ...lines.slice(end)].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const from = process.argv[2];
  if (!from) throw new Error('usage: trim-xero-openapi.ts <Xero-OpenAPI checkout>');
  fs.writeFileSync(path.join(fixtureDir, 'xero_accounting.yaml'), trimAccountingSpec(fs.readFileSync(path.join(from, 'xero_accounting.yaml'), 'utf8')));
  for (const file of ['xero-webhooks.yaml', 'xero-identity.yaml']) fs.copyFileSync(path.join(from, file), path.join(fixtureDir, file));
  console.log(`wrote ${fixtureDir}`);
}

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { load as loadYaml } from 'js-yaml';
import { accountingSpecPath, specMembersPath, specMembersSource } from '../../../src/sandbox/accounting/tools/generate-spec-members.js';
import { trimAccountingSpec } from '../../../src/sandbox/accounting/tools/trim-xero-openapi.js';
import { xeroAccountingSpecPath, xeroIdentitySpecPath, xeroOpenApiDir, xeroWebhooksSpecPath } from '../../helpers/xero-openapi.js';

function parsed(file: string): { openapi: string; info: { version: string }; paths: unknown; components: { schemas: Record<string, unknown> } } {
  return loadYaml(fs.readFileSync(file, 'utf8')) as ReturnType<typeof parsed>;
}

describe("Xero's OpenAPI files kept in the repository", () => {
  it('when the tests and the spec-members tool look for the accounting spec, then both read the same file inside the repository', () => {
    expect(accountingSpecPath).to.equal(xeroAccountingSpecPath);
    expect(path.relative(path.resolve(xeroOpenApiDir, '../../..'), accountingSpecPath)).to.equal('test/fixtures/xero-openapi/xero_accounting.yaml');
  });

  it('when each file is read, then it is version 16.1.0 and carries the upstream MIT licence notice beside it', () => {
    for (const file of [xeroAccountingSpecPath, xeroWebhooksSpecPath, xeroIdentitySpecPath]) {
      expect(parsed(file).info.version, file).to.equal('16.1.0');
    }
    const licence = fs.readFileSync(path.join(xeroOpenApiDir, 'LICENSE'), 'utf8');
    expect(licence).to.contain('MIT License').and.to.contain('Copyright (c) 2017 Xero Developer API').and.to.contain('https://github.com/XeroAPI/Xero-OpenAPI');
  });

  it('when the trimmed accounting spec is parsed, then it is an OpenAPI 3.0 document with no operations and every entity schema', () => {
    const spec = parsed(xeroAccountingSpecPath);
    expect(spec.openapi).to.equal('3.0.0');
    expect(spec.paths).to.deep.equal({});
    for (const name of ['Contacts', 'Invoices', 'CreditNotes', 'PurchaseOrders', 'Quotes', 'Payments', 'Items', 'Accounts', 'TaxRates', 'Error']) {
      expect(spec.components.schemas, name).to.have.property(name);
    }
  });

  it('when the generator runs on the kept spec, then it writes exactly the spec-members.ts in the repository', () => {
    expect(specMembersSource(fs.readFileSync(accountingSpecPath, 'utf8'))).to.equal(fs.readFileSync(specMembersPath, 'utf8'));
  });

  it('when an upstream file is trimmed, then only the paths section is replaced and every other line is kept as it was', () => {
    const upstream = ['openapi: 3.0.0', 'info:', '  version: 1', 'paths:', '  /Accounts:', '    get: {}', 'components:', '  schemas:', '    A: {}', ''].join(
      '\n',
    );
    expect(trimAccountingSpec(upstream)).to.equal(
      ['openapi: 3.0.0', 'info:', '  version: 1', 'paths: {}', 'components:', '  schemas:', '    A: {}', ''].join('\n'),
    );
    expect(() => trimAccountingSpec('openapi: 3.0.0\n')).to.throw('no top-level paths');
  });
});

describe('A repository that needs nothing beside it', () => {
  it('when the code, tests and benchmarks are searched, then none reads a file from ../shared', () => {
    const root = path.resolve(xeroOpenApiDir, '../../..');
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (full !== fileURLToPath(import.meta.url) && /\.\.\/shared\//.test(fs.readFileSync(full, 'utf8'))) offenders.push(path.relative(root, full));
      }
    };
    for (const dir of ['src', 'test', 'bench', 'migrations']) walk(path.join(root, dir));
    expect(offenders).to.deep.equal([]);
  });
});

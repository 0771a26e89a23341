import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'helpcenter-import-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function runImport(...args: string[]) {
  return spawnSync(process.execPath, ['scripts/import-customers.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, APP_ENV: 'development' },
    encoding: 'utf8',
  });
}

describe('npm run customers:import', () => {
  it('loads valid rows, reports each rejected row with its line and reason, and is idempotent', async () => {
    const first = runImport('tests/fixtures/customers.csv');
    expect(first.status).toBe(2);
    expect(first.stdout).toContain('2 created, 0 updated, 0 unchanged, 5 rejected');
    expect(first.stdout).toContain('line 4: company name is missing');
    expect(first.stdout).toContain('line 5: KvK number: 8 digits');
    expect(first.stdout).toContain('line 6: product lines');
    expect(first.stdout).toContain('line 7: policy number also on line 2');
    expect(first.stdout).toContain('line 8: address: give street, postal_code and city together');
    // Taken, but the insurer hears that no letter can reach that company.
    expect(first.stdout).toContain('1 taken without an address: no letter reaches them');
    expect(first.stdout).toContain('  lines 3\n');

    const second = runImport('tests/fixtures/customers.csv');
    expect(second.stdout).toContain('0 created, 0 updated, 2 unchanged, 5 rejected');
    // A file without the address and branch columns changes a name, and takes neither away.
    const noAddresses = join(dataDir, 'zonder-adressen.csv');
    writeFileSync(
      noAddresses,
      'policy_number,company_name,kvk_number,product_lines\nZP200001,Kapsalon Knip & Kleur,91000001,business-package\n',
    );
    const third = runImport(noAddresses);
    expect(third.stdout).toContain('0 created, 1 updated, 0 unchanged, 0 rejected');
    expect(third.stdout).not.toContain('without an address');

    const opened = openStore({ dataDir });
    try {
      const customer = await opened.store.findCustomerByPolicy('ZP200002');
      expect(customer).toMatchObject({
        company_name: 'Loodgieter Lek B.V.',
        vestigingsnummer: null,
        product_lines: 'business-package,employee-benefits',
        street: null,
      });
      expect(await opened.store.findCustomerByPolicy('ZP200001')).toMatchObject({
        company_name: 'Kapsalon Knip & Kleur',
        vestigingsnummer: '000091000011',
        street: 'Schaarstraat 1',
        postal_code: '9992 AA',
        city: 'Voorbeeldstad',
      });
    } finally {
      await opened.close();
    }
  });

  it('names each line as an editor counts it, blank lines included', () => {
    const file = join(dataDir, 'met-witregels.csv');
    writeFileSync(
      file,
      [
        'policy_number,company_name,kvk_number,product_lines',
        '',
        'ZP300001,Bloemist Roos,91000011,business-package',
        '',
        '',
        'ZP300002,,91000012,liability',
        'ZP300003,Te Kort,12,liability',
      ].join('\n'),
    );
    const run = runImport(file);
    expect(run.stdout).toContain('1 created, 0 updated, 0 unchanged, 2 rejected');
    expect(run.stdout).toContain('line 6: company name is missing');
    expect(run.stdout).toContain('line 7: KvK number: 8 digits');
    expect(run.stdout).toContain('  lines 3\n');
  });

  it('refuses a file that is not UTF-8, and names the rows whose text holds control characters', () => {
    // What a spreadsheet on a Dutch machine often saves: Windows-1252, where é is the byte 0xE9.
    const legacy = join(dataDir, 'windows-1252.csv');
    writeFileSync(
      legacy,
      Buffer.concat([
        Buffer.from('policy_number,company_name,kvk_number,product_lines\nZP300011,Caf'),
        Buffer.from([0xe9]),
        Buffer.from(' De Linde,91000021,liability\n'),
      ]),
    );
    const refused = runImport(legacy);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/not UTF-8/);
    expect(refused.stdout).not.toMatch(/created/);

    const file = join(dataDir, 'stuurtekens.csv');
    writeFileSync(
      file,
      [
        'policy_number,company_name,kvk_number,product_lines',
        'ZP300012,Café De Linde,91000022,liability',
        'ZP300013,Bakker\u202eBV,91000023,liability',
        'ZP300014,Escape\u001b[31mrood,91000024,liability',
        'ZP300015,Links\u200fRechts,91000025,liability',
        'ZP300016,Regel\u2028erbij,91000026,liability',
      ].join('\n'),
    );
    const run = runImport(file);
    expect(run.stdout).toContain('1 created, 0 updated, 0 unchanged, 4 rejected');
    expect(run.stdout).toContain('line 3: company name: no control characters');
    expect(run.stdout).toContain('line 5: company name: no control characters');
    expect(run.stdout).toContain('line 6: company name: no control characters');
    expect(run.stdout).toContain('line 4: company name: no control characters');
  });

  it('keeps what a file has no column for, and clears what it leaves empty', async () => {
    const file = (name: string, lines: string[]) => {
      const path = join(dataDir, name);
      writeFileSync(path, lines.join('\n'));
      return path;
    };
    const stored = async (policy: string) => {
      const opened = openStore({ dataDir });
      try {
        return await opened.store.findCustomerByPolicy(policy);
      } finally {
        await opened.close();
      }
    };
    runImport(
      file('volledig.csv', [
        'policy_number,company_name,kvk_number,vestigingsnummer,product_lines,street,postal_code,city',
        'ZP400001,Bakker Brood,91000041,000091000041,business-package,Graanweg 1,9992 AB,Voorbeeldstad',
        'ZP400002,Visser Vis,91000042,000091000042,liability,Haven 2,9992 AC,Voorbeeldstad',
      ]),
    );
    // No branch column: the branch stays with its company, and goes when the row names another KvK number.
    runImport(
      file('zonder-vestiging.csv', [
        'policy_number,company_name,kvk_number,product_lines,street,postal_code,city',
        'ZP400001,Bakker Brood,91000041,business-package,Graanweg 1,9992 AB,Voorbeeldstad',
        'ZP400002,Visser Vis,91000043,liability,Haven 2,9992 AC,Voorbeeldstad',
      ]),
    );
    expect(await stored('ZP400001')).toMatchObject({ vestigingsnummer: '000091000041', street: 'Graanweg 1' });
    expect(await stored('ZP400002')).toMatchObject({ kvk_number: '91000043', vestigingsnummer: null, street: 'Haven 2' });
    // Address columns, left empty (or cut short): the address is gone, and the report lists the line.
    const cleared = runImport(
      file('adres-weg.csv', [
        'policy_number,company_name,kvk_number,vestigingsnummer,product_lines,street,postal_code,city',
        'ZP400001,Bakker Brood,91000041,000091000041,business-package,,,',
        'ZP400002,Visser Vis,91000043,,liability',
      ]),
    );
    expect(cleared.stdout).toContain('  lines 2, 3\n');
    expect(await stored('ZP400001')).toMatchObject({ vestigingsnummer: '000091000041', street: null, city: null });
    expect(await stored('ZP400002')).toMatchObject({ street: null });
  });

  it('says how to use it, and names a missing column, without a stack trace', () => {
    const usage = runImport();
    expect(usage.status).toBe(1);
    expect(usage.stderr.trim()).toBe('Usage: npm run customers:import -- <file.csv>');
    const bad = runImport('package.json');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/header lacks|Invalid|quote/i);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});

// npm run customers:import -- customers.csv
// Loads business customers (the insurer's records) from a CSV file with the
// header: policy_number,company_name,kvk_number,vestigingsnummer,product_lines
// and, optionally, street,postal_code,city: the address letters with a code go to.
// Product lines are separated by "|". Importing the same file again changes nothing.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { systemRandom } from '../src/auth/crypto.ts';
import { importCustomers } from '../src/auth/customers.ts';
import { openStoreForCli, runCli } from '../src/server/cli.ts';

const required = ['policy_number', 'company_name', 'kvk_number', 'product_lines'];

await runCli(async () => {
  const file = process.argv[2];
  if (!file) throw new Error('Usage: npm run customers:import -- <file.csv>');
  // With each record the line it ends on, as an editor counts them, blank lines too (a record with a
  // line break inside quotes is named by its last line).
  let columns: string[] = [];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    // Read as UTF-8 anyway, é and ö would be stored as U+FFFD, and letters go to that address.
    throw new Error(`${file} is not UTF-8: save it as "CSV UTF-8" and import it again. Nothing was imported.`);
  }
  const records: { record: Record<string, string>; info: { lines: number } }[] = parse(text, {
    columns: (header: string[]) => {
      const names = (columns = header.map((h) => h.trim().toLowerCase()));
      const missing = required.filter((c) => !names.includes(c));
      if (missing.length) throw new Error(`${file}: the header lacks ${missing.join(', ')}`);
      return names;
    },
    skip_empty_lines: true,
    trim: true,
    bom: true,
    relax_column_count: true,
    info: true,
  });
  const opened = await openStoreForCli();
  try {
    const report = await importCustomers(
      { store: opened.store, clock: { now: () => Date.now() }, random: systemRandom },
      // A row shorter than the header has empty cells there: which columns a file has is the header's to say.
      records.map(({ record, info }) => ({
        line: info.lines,
        values: { ...Object.fromEntries(columns.map((name) => [name, ''])), ...record },
      })),
    );
    console.log(
      `${file}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected`,
    );
    for (const { line, reasons } of report.rejected) console.log(`  line ${line}: ${reasons.join('; ')}`);
    if (report.withoutAddress.length) {
      console.log(
        `${report.withoutAddress.length} taken without an address: no letter reaches them, neither a code nor the notice that a first email login was set up with their policy number`,
      );
      console.log(`  lines ${report.withoutAddress.join(', ')}`);
    }
    return report.rejected.length ? 2 : 0;
  } finally {
    await opened.close();
  }
});

// npm run letters:export -- letters.csv
// Hands the letters waiting in the letters outbox to the printer: one row per
// letter, in the CSV a print house takes (address block, subject, text). Once
// written, the letters are marked as exported and their text, which may hold
// a one-time code, is removed from the database.
import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { openStoreForCli, runCli } from '../src/server/cli.ts';
import { spreadsheetSafe } from '../src/shared/csv.ts';

await runCli(async () => {
  const file = process.argv[2];
  if (!file) throw new Error('Usage: npm run letters:export -- <file.csv>');
  const opened = await openStoreForCli();
  try {
    const letters = await opened.store.listLetters('pending', 10_000);
    const rows = letters.map((l) => [
      l.id,
      new Date(l.created_at).toISOString(),
      l.lang,
      l.recipient,
      l.street,
      l.postal_code,
      l.city,
      l.subject,
      l.body,
    ]);
    const header = ['id', 'created_at', 'lang', 'recipient', 'street', 'postal_code', 'city', 'subject', 'body'];
    // Written before anything is marked: a letter is printed twice rather than never. Never over
    // an earlier export, whose letters may not be printed yet and whose text is gone from here.
    try {
      writeFileSync(file, stringify([header, ...rows.map((r) => r.map(spreadsheetSafe))], { bom: true }), {
        mode: 0o600,
        flag: 'wx',
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      throw new Error(`${file} exists already, and may hold letters not printed yet: nothing was exported. Give a new name.`);
    }
    await opened.store.markLettersExported(
      letters.map((l) => l.id),
      Date.now(),
    );
    console.log(`${file}: ${letters.length} letter${letters.length === 1 ? '' : 's'} exported`);
    return 0;
  } finally {
    await opened.close();
  }
});

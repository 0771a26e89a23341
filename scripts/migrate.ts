// npm run migrate: applies pending migrations to the configured database
// (DATABASE_URL, or the SQLite file in DATA_DIR). Safe to run from several
// instances at once: Kysely's migrator takes a lock in the database.
import { loadServerConfig } from '../src/config/server.ts';
import { migrate } from '../src/store/migrate.ts';
import { openDatabase } from '../src/store/open.ts';
import { runCli } from '../src/server/cli.ts';

await runCli(async () => {
  const config = loadServerConfig(process.env);
  const opened = await openDatabase(config);
  try {
    const applied = await migrate(opened);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    return 0;
  } finally {
    await opened.close();
  }
});

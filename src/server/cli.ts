import { loadServerConfig } from '../config/server.ts';
import { migrate, pendingMigrations } from '../store/migrate.ts';
import { openDatabase, type OpenedStore } from '../store/open.ts';

/**
 * The store for a command-line task, configured like the server (DATABASE_URL,
 * DATA_DIR). Development migrates; production expects `npm run migrate` first.
 */
export async function openStoreForCli(env: Record<string, string | undefined> = process.env): Promise<OpenedStore> {
  const config = loadServerConfig(env);
  const opened = await openDatabase(config);
  if (config.mode === 'development') await migrate(opened);
  else if ((await pendingMigrations(opened)).length) {
    await opened.close();
    throw new Error('The database is not migrated. Run `npm run migrate` first.');
  }
  return opened;
}

/** Runs a command, printing a failure as one clear line instead of a stack trace. */
export async function runCli(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}

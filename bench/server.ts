import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverArgs } from '../src/server/node-flags.ts';
import { openDatabase } from '../src/store/open.ts';
import { migrate } from '../src/store/migrate.ts';

/** A new data folder whose SQLite database is migrated, as `npm run migrate` leaves it before a production start. */
export async function migratedDataDir(prefix: string): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const opened = await openDatabase({ databaseUrl: undefined, databaseSchema: undefined, dataDir });
  await migrate(opened);
  await opened.close();
  return dataDir;
}

/** Starts the built site on a free port and waits until /api/health answers. */
export async function startServer(
  port: number,
  env: Record<string, string> = {},
): Promise<{ url: string; process: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, serverArgs, {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

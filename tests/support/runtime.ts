import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/server/runtime.ts';

export type StoreKind = 'sqlite' | 'postgres';

/** PostgreSQL tests run when TEST_DATABASE_URL is set; the reason is shown when they are skipped. */
export const postgresUrl = process.env.TEST_DATABASE_URL;
export const storeKinds: StoreKind[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
export const postgresSkipReason =
  'PostgreSQL tests skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run them';

/** Defines a file's tests once for each store; without PostgreSQL, its turn shows as skipped, with the reason. */
export function forEachStore(define: (kind: StoreKind) => void): void {
  for (const kind of storeKinds) define(kind);
  if (!postgresUrl) describe('on postgres', () => it.skip(postgresSkipReason, () => {}));
}

/** A development runtime on a fresh SQLite file or a fresh PostgreSQL schema, with the demo customers. */
export async function testRuntime(
  kind: StoreKind = 'sqlite',
  env: Record<string, string> = {},
): Promise<Runtime & { dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'helpcenter-test-'));
  const schema = `test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const runtime = await createRuntime({
    APP_ENV: 'development',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PUBLIC_ORIGIN: 'http://localhost:4321',
    ...(kind === 'postgres' ? { DATABASE_URL: postgresUrl!, DATABASE_SCHEMA: schema } : {}),
    ...env,
  });
  return Object.assign(runtime, {
    async dispose() {
      if (kind === 'postgres') await runtime.opened.db.schema.dropSchema(schema).ifExists().cascade().execute();
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** The environment a command-line script (`npm run audit:verify`, `npm run staff`) needs to reach this runtime's database. */
export function cliEnvOf(runtime: Runtime): NodeJS.ProcessEnv {
  return {
    ...process.env,
    APP_ENV: 'development',
    DATA_DIR: runtime.config.dataDir,
    ...(runtime.config.databaseUrl
      ? { DATABASE_URL: runtime.config.databaseUrl, DATABASE_SCHEMA: runtime.config.databaseSchema! }
      : {}),
  };
}

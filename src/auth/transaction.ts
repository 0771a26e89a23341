import type { AuthDeps, SecurityEvents } from './deps.ts';

/**
 * Runs work in one transaction, handing it deps whose store is the transaction's. Its security
 * events wait for the commit: a rollback logs nothing that did not happen, and a unit that
 * PostgreSQL runs again after a deadlock logs each event once.
 */
export async function withinTransaction<T>(deps: AuthDeps, work: (deps: AuthDeps) => Promise<T>): Promise<T> {
  let held: Parameters<SecurityEvents['emit']>[] = [];
  const result = await deps.store.transaction((store) => {
    held = [];
    return work({ ...deps, store, events: { emit: (...event) => void held.push(event) } });
  });
  for (const event of held) deps.events.emit(...event);
  return result;
}

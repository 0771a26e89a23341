import type { AuthDeps, SecurityEvents } from './deps.ts';

/**
 * Runs work in one transaction, handing it deps whose store is the transaction's. Its security
 * events wait for the commit: a rollback logs nothing that did not happen, and a unit that
 * PostgreSQL runs again after a deadlock logs each event once. So does the mail loop's wake-up,
 * for a mail queued through these deps: only work that queued one wakes it.
 */
export async function withinTransaction<T>(deps: AuthDeps, work: (deps: AuthDeps) => Promise<T>): Promise<T> {
  let held: Parameters<SecurityEvents['emit']>[] = [];
  let queued = false;
  const mail: AuthDeps['mail'] = {
    queue: (store, message) => ((queued = true), deps.mail.queue(store, message)),
    notify: () => void (queued = true),
  };
  const result = await deps.store.transaction((store) => {
    held = [];
    queued = false;
    return work({ ...deps, store, mail, events: { emit: (...event) => void held.push(event) } });
  });
  for (const event of held) deps.events.emit(...event);
  if (queued) deps.mail.notify();
  return result;
}

import type { RecoveryKind } from '../../store/types.ts';
import { mailingTransaction } from '../mailing.ts';
import type { AuthDeps } from '../deps.ts';
import { recordEvent } from '../events.ts';
import { useToken } from '../tokens.ts';

export type CancelResult = { kind: 'cancelled'; request: RecoveryKind } | { kind: 'invalid' };

/**
 * "This was not me": the link in the notice ends the request. Whoever started
 * it is logged out everywhere, since they knew the password; a new account
 * that wanted to take over hears that the current holder said no.
 */
export async function cancelRequest(deps: AuthDeps, token: string): Promise<CancelResult> {
  const result = await mailingTransaction(deps, async (store): Promise<CancelResult> => {
    const used = await useToken(deps, store, token, 'cancel-request');
    const request = used?.request_id ? await store.findRecoveryRequest(used.request_id) : undefined;
    if (!request) return { kind: 'invalid' };
    const now = deps.clock.now();
    if (!(await store.updateRecoveryRequest(request.id, { status: 'cancelled', ended_at: now }, { status: ['open', 'proven'] })))
      return { kind: 'invalid' };
    await store.lockAccount(request.account_id);
    await store.endAllSessions(request.account_id, now);
    await store.invalidateTokens(request.account_id, now, 'rebind');
    await recordEvent(deps, store, request.account_id, 'requestCancelled');
    if (request.kind === 'replace') {
      const asker = await store.findAccountById(request.account_id);
      if (asker) await deps.mail.queue(store, { to: asker.email, lang: asker.lang, kind: 'replaceCancelled', vars: {} });
    }
    return { kind: 'cancelled', request: request.kind };
  });
  return result;
}

import type { Store } from '../../store/types.ts';
import type { AuthDeps } from '../deps.ts';
import { stillAsChecked } from '../as-checked.ts';
import { verifyPassword } from '../password-check.ts';
import { startSession, type BrowserSeen } from '../sessions.ts';
import type { KnownDevice } from '../throttle.ts';
import { linkedRequest } from './requests.ts';

export type TakeoverLinkStart =
  /** The session that may link the app and so take the company's login over. */
  { kind: 'enrol'; session: string } | { kind: 'invalid' } | { kind: 'refused' } | { kind: 'locked'; until: number };

/**
 * The asking account and its takeover, while staff's approval of it holds. The link is not spent
 * when opened: a session that lapses before the app is linked would otherwise leave the asker
 * with a proven takeover and no way to finish it. It needs the password each time, and it ends
 * with the takeover: linked, stopped, lapsed, or ended by a new password.
 */
async function linkedTakeover(deps: AuthDeps, store: Store, token: string) {
  const link = await linkedRequest(deps, store, token, 'takeover');
  const fits = link?.account.status === 'verified' && link.request.kind === 'replace' && link.request.status === 'proven';
  return fits ? link : null;
}

/**
 * A takeover our staff approved: the link mailed to the asker, with the asker's password, opens the
 * one session that may link the app. Staff checked the person on the phone, not whoever logs in
 * next with the password, nor whoever reads the mailbox: the link needs both. (A takeover proven
 * with a letter or eHerkenning is linked by the session that gave the proof.)
 */
export async function openTakeoverLink(
  deps: AuthDeps,
  input: { token: string; password: string; device?: KnownDevice | null; seen?: BrowserSeen },
): Promise<TakeoverLinkStart> {
  const link = await linkedTakeover(deps, deps.store, input.token);
  if (!link) return { kind: 'invalid' };
  const check = await verifyPassword(deps, { email: link.account.email, password: input.password, device: input.device });
  if (check.kind === 'locked') return check;
  if (check.kind !== 'ok' || check.account.id !== link.account.id) return { kind: 'refused' };
  return deps.store.transaction(async (store): Promise<TakeoverLinkStart> => {
    // A new password while the password was checked ended the takeover, and so the link.
    if (!(await stillAsChecked(store, check.account))) return { kind: 'invalid' };
    const current = await linkedTakeover(deps, store, input.token);
    if (!current) return { kind: 'invalid' };
    const session = await startSession(deps, store, current.account, 'enrol', 'password', {
      details: { request: current.request.id },
      seen: input.seen,
    });
    return { kind: 'enrol', session };
  });
}

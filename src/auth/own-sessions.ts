import type { AuthDeps } from './deps.ts';
import { stillAsChecked } from './as-checked.ts';
import { mailingTransaction } from './mailing.ts';
import { recordEvent } from './events.ts';
import { verifyPasswordAgain } from './password-check.ts';
import type { Store } from '../store/types.ts';
import { loggedInWithRecoveryCode, logOutEverywhere, logOutThere, resolveEmailLogin, type ActiveSession } from './sessions.ts';
import type { KnownDevice } from './throttle.ts';

/** One place the account is logged in, as its owner sees it in the portal (ASVS 3.3.4). */
export interface SessionSeen {
  /** What the portal calls this session to end it: keyed, so it says nothing of the session's own id. */
  ref: string;
  /** The session asking: this browser. */
  current: boolean;
  since: number;
  lastSeen: number;
  /** Logged in with a recovery code instead of the app. */
  recoveryCode: boolean;
  /** The browser's and the system's name, as the browser gave them at the login: a hint, not a proof. */
  browser: string | null;
  os: string | null;
}

const REF_LENGTH = 32;
const sessionRef = (deps: Pick<AuthDeps, 'macs'>, idHash: string) => deps.macs.mac('session-ref', idHash).slice(0, REF_LENGTH);
/** A page made before SECRET_KEY was rotated still names its places under the previous key. */
const namedBy = (deps: Pick<AuthDeps, 'macs'>, idHash: string, ref: string) =>
  deps.macs.candidates('session-ref', idHash).some((mac) => mac.slice(0, REF_LENGTH) === ref);

const loggedIn = (deps: AuthDeps, store: Store, accountId: string) => {
  const now = deps.clock.now();
  return store.listLoggedInSessions(accountId, now, now - deps.config.sessionIdleMs);
};

/** Where the account is logged in now, this browser first: a session the owner does not know is someone else. */
export async function sessionsSeen(deps: AuthDeps, current: ActiveSession): Promise<SessionSeen[]> {
  const sessions = await loggedIn(deps, deps.store, current.account.id);
  return sessions
    .map((session) => ({
      ref: sessionRef(deps, session.id_hash),
      current: session.id_hash === current.session.id_hash,
      since: session.created_at,
      lastSeen: session.last_seen_at,
      recoveryCode: loggedInWithRecoveryCode(session),
      browser: session.browser,
      os: session.os,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

export type OthersEnded =
  { kind: 'done'; ended: number } | { kind: 'no-session' } | { kind: 'refused' } | { kind: 'locked'; until: number };

/**
 * The owner logs the account out everywhere but here, or at one place they name (`only`, a `ref`
 * from sessionsSeen), with the password once more (ASVS 3.3.4): a session left open on a shared
 * computer, or taken by someone else, must not take this one with it. An address change asked
 * from one of them ends too (logOutEverywhere, logOutThere). The account's address is told:
 * whoever did this had the password and a second factor, and the owner who did not must hear of
 * it. Also from a recovery-code login: an owner who lost the phone needs it most. A place that is
 * no longer logged in (the list was old) ends nothing: `ended` is 0.
 */
export async function endOtherSessions(
  deps: AuthDeps,
  input: { token: string | undefined; password: string; only?: string | undefined; device?: KnownDevice | null },
): Promise<OthersEnded> {
  const current = await resolveEmailLogin(deps, input.token);
  if (!current) return { kind: 'no-session' };
  const { account, session } = current;
  const check = await verifyPasswordAgain(deps, account, { password: input.password, device: input.device });
  if (check.kind === 'locked') return check;
  if (check.kind !== 'ok') return { kind: 'refused' };
  return mailingTransaction(deps, async (store, deps): Promise<OthersEnded> => {
    if (!(await stillAsChecked(store, account, session.id_hash))) return { kind: 'no-session' };
    const now = deps.clock.now();
    let ended: number;
    if (input.only === undefined) {
      ended = await logOutEverywhere(store, account.id, now, session.id_hash);
    } else {
      const { only } = input;
      const there = (await loggedIn(deps, store, account.id)).find(
        (other) => other.id_hash !== session.id_hash && namedBy(deps, other.id_hash, only),
      );
      if (!there || !(await logOutThere(store, account.id, there.id_hash, now))) return { kind: 'done', ended: 0 };
      ended = 1;
    }
    const kind = input.only === undefined ? 'otherSessionsEnded' : 'oneOtherSessionEnded';
    await recordEvent(deps, store, account.id, kind);
    await deps.mail.queue(store, { to: account.email, lang: account.lang, kind, vars: { when: new Date(now) } });
    return { kind: 'done', ended };
  });
}

import type { Account, Customer, Store } from '../../store/types.ts';
import { newAccountRow } from '../account-row.ts';
import type { AuthDeps } from '../deps.ts';
import { startSession } from '../sessions.ts';
import { covers, type EherkenningIdentity } from './claims.ts';
import { levelName, meetsLevel, type Level } from '../../shared/eherkenning/levels.ts';

export type EherkenningFailure =
  | { kind: 'levelTooLow'; level: string }
  | { kind: 'unknownCompany' }
  | { kind: 'unknownBranch' }
  | { kind: 'cancelled' }
  | { kind: 'notAuthorised' }
  | { kind: 'brokerUnavailable' }
  | { kind: 'invalidResponse' }
  | { kind: 'notConfigured' };

export type EherkenningLogin = { kind: 'ok'; token: string } | EherkenningFailure;

/**
 * Someone came back from eHerkenning with a checked ID token. We see only the
 * company (KvK number), maybe a branch, a pseudonym of the acting person and
 * any intermediary: whether that person may act for the company was decided
 * inside the eHerkenning network. Here the level must be high enough and the
 * company one of our business customers.
 */
export async function loginWithEherkenning(
  deps: AuthDeps,
  input: { identity: EherkenningIdentity; idToken: string; minimum: Level },
): Promise<EherkenningLogin> {
  const { identity, minimum } = input;
  const customers = await deps.store.findCustomersByKvk(identity.kvkNumber);
  // Without a branch number, the company's first record; with one, that branch's record.
  const customer = customers.find((c) => covers(identity, c));
  if (!meetsLevel(identity.level, minimum)) {
    // Kept in the history of a person known already; a refused stranger leaves nothing behind.
    const named = customer ? await deps.store.findLiveAccountByEmail(principalName(customer, identity)) : undefined;
    // Never in the history of an account named the old way for another branch.
    const known = named && named.customer_id === customer?.id ? named : null;
    await record(deps, deps.store, known, identity, 'refused', 'levelTooLow');
    deps.events.emit('eherkenningRefused', { reason: 'levelTooLow', level: identity.level });
    return { kind: 'levelTooLow', level: levelName(identity.level) };
  }
  if (customers.length === 0 || !customer) {
    deps.events.emit('eherkenningRefused', { reason: customers.length === 0 ? 'unknownCompany' : 'unknownBranch' });
    return { kind: customers.length === 0 ? 'unknownCompany' : 'unknownBranch' };
  }
  return deps.store.transaction(async (store) => {
    const account = await principal(deps, store, customer, identity);
    await record(deps, store, account, identity, 'success', null);
    const details = {
      pseudonym: identity.pseudonym,
      level: identity.level,
      kvk: identity.kvkNumber,
      branch: identity.branchNumber,
      intermediary: identity.intermediaryKvk,
      // Only to let the broker end its session when this one is logged out.
      idToken: input.idToken,
    };
    return {
      kind: 'ok' as const,
      token: await startSession(deps, store, account, 'full', 'eherkenning', { details }),
    };
  });
}

/**
 * Each person who logs in with eHerkenning for a company is kept as an account
 * of its own kind (no password, no authenticator), so sessions, the login
 * history and the agent view work the same for both doors.
 */
async function principal(deps: AuthDeps, store: Store, customer: Customer, identity: EherkenningIdentity): Promise<Account> {
  const email = principalName(customer, identity);
  const existing = await store.findLiveAccountByEmail(email);
  if (existing?.customer_id === customer.id) return existing;
  if (existing) {
    // Named before accounts were kept per branch, for another branch: it stays with that branch, retired.
    const now = deps.clock.now();
    await store.updateAccount(
      existing.id,
      { status: 'superseded', superseded_at: now, updated_at: now },
      { status: existing.status },
    );
    await store.endAllSessions(existing.id, now);
  }
  const account = newAccountRow(deps, {
    email,
    customer_id: customer.id,
    role: 'customer',
    status: 'eherkenning',
    lang: 'nl',
    activated_at: deps.clock.now(),
  });
  await store.insertAccount(account);
  return account;
}

/**
 * The name an eHerkenning person is kept under: the company, its branch if it has one, and the
 * pseudonym, never an address. One account per branch: a login for one branch must never be
 * the account (and the policy) of another the same person acted for before.
 */
function principalName(customer: Customer, identity: EherkenningIdentity): string {
  const company = customer.vestigingsnummer ? `${customer.kvk_number}-${customer.vestigingsnummer}` : customer.kvk_number;
  return `eherkenning:${company}:${identity.pseudonym}`;
}

async function record(
  deps: AuthDeps,
  store: Store,
  account: Account | null,
  identity: EherkenningIdentity,
  outcome: 'success' | 'refused',
  diagnosis: string | null,
) {
  await store.recordLoginAttempt({
    id: deps.random.logId(),
    account_id: account?.id ?? null,
    at: deps.clock.now(),
    method: 'eherkenning',
    step: 'password',
    outcome,
    diagnosis,
    detail: JSON.stringify({ level: identity.level, pseudonym: identity.pseudonym, intermediary: identity.intermediaryKvk }),
  });
}

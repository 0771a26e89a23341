import { canPost } from '../../mail/letters.ts';
import type { Account, RecoveryRequest, Store } from '../../store/types.ts';
import type { AuthDeps } from '../deps.ts';
import { levelName, parseLevel } from '../../shared/eherkenning/levels.ts';
import { maskEmail } from '../mask.ts';
import { normalizePolicyNumber } from '../../shared/policy-number.ts';
import { normalizeEmail } from '../normalize.ts';
import { appCodeCounts, failuresInARow, lockForStaff } from '../throttle.ts';
import { replacementFor } from '../recovery/replace.ts';
import type { ProvenBy } from '../recovery/requests.ts';
import { auditText } from '../../shared/audit-words.ts';

/**
 * What an agent may see of an account: its state and history, never a
 * password hash, TOTP secret, token or code. Built field by field, so a new
 * column never leaks by accident.
 */
export interface AccountState {
  id: string;
  /** The login address; for an eHerkenning person, null (they have none). */
  email: string | null;
  kind: 'email' | 'eherkenning' | 'staff';
  status: Account['status'];
  company: string | null;
  policyNumber: string | null;
  kvkNumber: string | null;
  /** Whether a letter can reach the company (null: no company): without, no letter told it of its first login, nor proves anything. */
  letterAddress: boolean | null;
  activatedAt: number | null;
  authenticatorBoundAt: number | null;
  lockedUntil: number | null;
  lockedUntilReset: boolean;
  failuresInARow: number;
  /** Wrong app codes in a row from strangers' browsers, and (`own`) from the customer's own. */
  appCodes: Awaited<ReturnType<typeof appCodeCounts>>;
  events: { at: number; kind: string }[];
  attempts: {
    at: number;
    method: string;
    step: string;
    outcome: string;
    diagnosis: string | null;
    detail: Record<string, unknown> | null;
  }[];
  openLinks: { kind: string; expiresAt: number }[];
  /** For eHerkenning: the acting person's pseudonym and the level of the last login. */
  eherkenning: { pseudonym: string; level: string | null } | null;
  /** New phones and takeovers this account asked for, or that would replace it: what staff may approve. */
  requests: RequestState[];
  /**
   * Waiting to take over its company's login, with no takeover open: staff may open one with their
   * check in it, which its holder cannot stop (startTakeoverForCaller).
   */
  mayStartTakeover: boolean;
}

export interface RequestState {
  id: string;
  kind: RecoveryRequest['kind'];
  /** asker: this account wants the change · holder: a newer account wants to replace this one */
  side: 'asker' | 'holder';
  status: RecoveryRequest['status'] | 'expired';
  createdAt: number;
  expiresAt: number;
  proof: RecoveryRequest['proof'];
  provenBy: ProvenBy | null;
  letterSentAt: number | null;
  approvals: { by: string; at: number; check: string | null }[];
}

export type LookupQuery = { by: 'email'; email: string } | { by: 'policy'; policy: string } | { by: 'kvk'; kvk: string };

/** Reads what the agent typed: an address, a KvK number (8 digits) or a policy number. */
export function parseLookup(input: string): LookupQuery | null {
  const text = input.trim();
  if (text.includes('@')) return { by: 'email', email: normalizeEmail(text) };
  if (/^\d{8}$/.test(text)) return { by: 'kvk', kvk: text };
  const policy = normalizePolicyNumber(text);
  return /^[A-Z0-9]{6,20}$/.test(policy) ? { by: 'policy', policy } : null;
}

/** What was looked up, for the audit log: an address masked, a number as typed. */
export function lookupSubject(query: LookupQuery): string {
  return query.by === 'email'
    ? auditText('address', maskEmail(query.email))
    : query.by === 'kvk'
      ? auditText('kvk', query.kvk)
      : auditText('policy', query.policy);
}

export async function lookupAccounts(deps: AuthDeps, store: Store, query: LookupQuery): Promise<AccountState[]> {
  let accounts: Account[] = [];
  if (query.by === 'email') {
    const account = await store.findLiveAccountByEmail(query.email);
    // Agents look up customers; staff are managed by supervisors, elsewhere.
    accounts = account?.role === 'customer' ? [account] : [];
  } else {
    const customers =
      query.by === 'kvk'
        ? await store.findCustomersByKvk(query.kvk)
        : [await store.findCustomerByPolicy(query.policy)].filter((c) => c !== undefined);
    for (const customer of customers) accounts.push(...(await store.findAccountsOfCustomer(customer.id)));
  }
  return Promise.all(accounts.map((account) => describe(deps, store, account)));
}

async function describe(deps: AuthDeps, store: Store, account: Account): Promise<AccountState> {
  const now = deps.clock.now();
  const customer = account.customer_id ? await store.findCustomerById(account.customer_id) : undefined;
  const throttle = await store.findThrottle(account.email);
  const attempts = await store.listLoginAttempts(account.id, 20);
  const eherkenning = account.status === 'eherkenning';
  const lastEh = attempts.find((a) => a.method === 'eherkenning');
  const ehDetail = lastEh?.detail ? (JSON.parse(lastEh.detail) as { level?: string }) : {};
  const level = parseLevel(ehDetail.level);
  return {
    id: account.id,
    email: eherkenning ? null : account.email,
    kind: account.role !== 'customer' ? 'staff' : eherkenning ? 'eherkenning' : 'email',
    status: account.status,
    company: customer?.company_name ?? null,
    policyNumber: customer?.policy_number ?? null,
    kvkNumber: customer?.kvk_number ?? null,
    letterAddress: customer ? canPost(customer) : null,
    activatedAt: account.activated_at,
    authenticatorBoundAt: account.totp_bound_at,
    ...lockForStaff(throttle?.locked_until, now),
    failuresInARow: failuresInARow(throttle),
    appCodes: await appCodeCounts(store, account.id),
    events: (await store.listAccountEvents(account.id, 20)).map((e) => ({ at: e.at, kind: e.kind })),
    attempts: attempts.map((a) => ({
      at: a.at,
      method: a.method,
      step: a.step,
      outcome: a.outcome,
      diagnosis: a.diagnosis,
      detail: a.detail ? pickDetail(JSON.parse(a.detail) as Record<string, unknown>) : null,
    })),
    openLinks: (await store.listOpenTokens(account.id, now)).map((t) => ({ kind: t.purpose, expiresAt: t.expires_at })),
    eherkenning: eherkenning
      ? { pseudonym: account.email.split(':').slice(2).join(':'), level: level ? levelName(level) : null }
      : null,
    requests: await Promise.all(
      (await store.listRecoveryRequests([account.id], 10)).map((r) => describeRequest(store, r, account.id, now)),
    ),
    mayStartTakeover: await mayStartTakeover(deps, store, account),
  };
}

async function mayStartTakeover(deps: AuthDeps, store: Store, account: Account): Promise<boolean> {
  if (account.role !== 'customer' || account.status !== 'verified') return false;
  const replacement = await replacementFor(deps, store, account);
  return replacement !== null && replacement.request === undefined;
}

async function describeRequest(store: Store, r: RecoveryRequest, accountId: string, now: number): Promise<RequestState> {
  const staff = async (id: string | null) => (id ? ((await store.findAccountById(id))?.email ?? '?') : null);
  const first = await staff(r.first_approver_id);
  const second = await staff(r.second_approver_id);
  const open = r.status === 'open' || r.status === 'proven';
  return {
    id: r.id,
    kind: r.kind,
    side: r.account_id === accountId ? 'asker' : 'holder',
    status: open && r.expires_at <= now ? 'expired' : r.status,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    proof: r.proof,
    provenBy: r.proven_by ? (JSON.parse(r.proven_by) as ProvenBy) : null,
    letterSentAt: r.letter_sent_at,
    approvals: [
      ...(first ? [{ by: first, at: r.first_approved_at!, check: r.first_approver_check }] : []),
      ...(second ? [{ by: second, at: r.second_approved_at!, check: null }] : []),
    ],
  };
}

/** Only the numbers behind a diagnosis travel on: minutes and direction of a clock, an eHerkenning level. */
function pickDetail(detail: Record<string, unknown>): Record<string, unknown> {
  const level = parseLevel(detail.level);
  return Object.fromEntries(
    Object.entries({ minutes: detail.minutes, direction: detail.direction, level: level ? levelName(level) : undefined }).filter(
      ([, v]) => v !== undefined,
    ),
  );
}

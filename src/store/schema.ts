import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { OidcLoginSidsTable, OidcLoginsTable, OidcLogoutsTable, OidcModelsTable } from './schema-oidc.ts';
import type { LettersTable, RecoveryCodesTable, RecoveryRequestsTable } from './schema-recovery.ts';

export * from './schema-oidc.ts';
export * from './schema-recovery.ts';

// The database as Kysely sees it. Times are epoch milliseconds in both SQLite
// and PostgreSQL (bigint, read back as numbers), so the two stores behave alike.

export type Role = 'customer' | 'agent' | 'supervisor';
/**
 * unverified: mail not confirmed · verified: no authenticator yet · active ·
 * superseded by a newer account · eherkenning: a person who logs in with
 * eHerkenning for a company (no password, no authenticator) · disabled: a member
 * of staff who may not log in (left, or on leave)
 */
export type AccountStatus = 'unverified' | 'verified' | 'active' | 'superseded' | 'eherkenning' | 'disabled';
/**
 * password: code still to come · enrol: first app to link · recovery: a new phone's mailed link was
 * opened, its second proof still to give · rebind: proof given, the new app to link · full: logged in
 */
export type SessionStage = 'password' | 'enrol' | 'recovery' | 'rebind' | 'full';
export type LoginMethod = 'password' | 'eherkenning';
export type TokenPurpose = 'activate' | 'reset-password' | 'rebind' | 'change-email' | 'invite' | 'cancel-request' | 'takeover';
export type AuditEntry = Selectable<AuditLogTable>;
export type FeedbackEntry = Selectable<FeedbackTable>;

export interface CustomersTable {
  id: string;
  policy_number: string;
  company_name: string;
  kvk_number: string;
  vestigingsnummer: string | null;
  /** Comma-separated product line ids. */
  product_lines: string;
  /** The company's postal address on record, where letters with a code go; null when the records have none. */
  street: string | null;
  postal_code: string | null;
  city: string | null;
  created_at: number;
  updated_at: number;
}

export interface AccountsTable {
  id: string;
  email: string;
  customer_id: string | null;
  role: Role;
  status: AccountStatus;
  lang: 'nl' | 'en';
  password_hash: string;
  /** AES-GCM sealed TOTP secret of the bound authenticator. */
  totp_secret: string | null;
  totp_bound_at: number | null;
  /** When the first app was linked: the account became its company's login then, and a new phone does not move it. */
  first_bound_at: number | null;
  /** A secret shown for enrolment but not yet confirmed with a code. */
  pending_totp_secret: string | null;
  pending_totp_created_at: number | null;
  /** The session the pending secret was shown to, by its hash: the only one that may confirm it. */
  pending_totp_session: string | null;
  activated_at: number | null;
  password_changed_at: number | null;
  /** When a newer account of the company took over: what a replaced account is told at login. */
  superseded_at: number | null;
  created_at: number;
  updated_at: number;
}

/**
 * Consecutive failed logins per address, whether or not it has an account, so
 * that a lockout looks the same for every address.
 */
export interface LoginThrottlesTable {
  email: string;
  /** Failures in a row since the count was last quiet for two days: what the timed locks count. */
  failures: number;
  /** Failures in a row from before then, moved here by the hourly prune; the lock until a new password counts both. */
  carried_failures: Generated<number>;
  locked_until: number | null;
  updated_at: number;
}

export interface TotpHistoryTable {
  id: string;
  account_id: string;
  secret: string;
  bound_at: number;
  replaced_at: number;
}

export interface TokensTable {
  id: string;
  token_hash: string;
  purpose: TokenPurpose;
  account_id: string;
  new_email: string | null;
  /** Activation: the company this registration asked for, so a later registration cannot change it. */
  customer_id: string | null;
  /** A new phone or a company's new login: the request this link belongs to. */
  request_id: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface SessionsTable {
  id_hash: string;
  account_id: string;
  stage: SessionStage;
  method: LoginMethod;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ended_at: number | null;
  /** JSON: what the login method told us (eHerkenning pseudonym, level, intermediary). */
  details: string | null;
  /** The browser's and the system's name when the session started, for its owner's list of places. */
  browser: string | null;
  os: string | null;
}

export interface UsedTotpStepsTable {
  account_id: string;
  step: number;
  used_at: number;
}

export interface RateLimitsTable {
  key: string;
  window_start: number;
  hits: number;
}

export interface LoginAttemptsTable {
  id: string;
  account_id: string | null;
  at: number;
  method: LoginMethod;
  /** `password-again`: asked again of a customer already logged in, at a door of the portal. */
  step: 'password' | 'password-again' | 'code' | 'enrol' | 'recovery-code';
  outcome: 'success' | 'refused';
  /** Why a refusal happened, never the code or password itself. */
  diagnosis: string | null;
  /** JSON with the numbers behind the diagnosis (minutes of clock drift, lock end). */
  detail: string | null;
}

export interface OutboxTable {
  id: string;
  to_address: string;
  lang: 'nl' | 'en';
  kind: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: 'pending' | 'sent' | 'kept' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: number;
  created_at: number;
  sent_at: number | null;
  last_error: string | null;
}

export interface HelpCodesTable {
  code: string;
  /** JSON: where the customer was (a wizard and its path, or an error page and its reason). */
  context: string;
  created_at: number;
  expires_at: number;
}

/** What happened to an account, for the agent view: activated, bound, rebound, passwordReset, … */
export interface AccountEventsTable {
  id: string;
  account_id: string;
  at: number;
  kind: string;
}

/** Every attempted staff lookup and action, with how it ended; only ever added to, each entry chained to the one before. */
export interface AuditLogTable {
  id: string;
  /** 1, 2, 3 …: a gap shows a removed entry. */
  seq: number;
  at: number;
  /** The member of staff, or `command-line` for an operator. */
  agent_id: string;
  agent_email: string;
  action: string;
  /** Whom or what it was about, readable: a masked address, a policy number, a help code. */
  subject: string;
  /** Why, in the words of the one who did it. */
  reason: string;
  /** `done`, or `refused: <why>`. */
  outcome: string;
  prev_hash: string;
  hash: string;
}

/** "Was this helpful?": no address, no session, no account; only the page and the answer. */
export interface FeedbackTable {
  id: string;
  at: number;
  page: string;
  lang: 'nl' | 'en';
  helpful: number;
  comment: string | null;
}

export interface DailyCountsTable {
  kind: 'searchMiss' | 'wizardEnd';
  key: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  count: number;
}

/** The server key each rotation moved to (its public id), and when the first `keys:rotate` for it ran. */
export interface KeyRotationsTable {
  key_id: string;
  started_at: number;
}

export interface Database {
  customers: CustomersTable;
  accounts: AccountsTable;
  totp_history: TotpHistoryTable;
  login_throttles: LoginThrottlesTable;
  tokens: TokensTable;
  sessions: SessionsTable;
  used_totp_steps: UsedTotpStepsTable;
  rate_limits: RateLimitsTable;
  login_attempts: LoginAttemptsTable;
  outbox: OutboxTable;
  help_codes: HelpCodesTable;
  account_events: AccountEventsTable;
  audit_log: AuditLogTable;
  feedback: FeedbackTable;
  daily_counts: DailyCountsTable;
  recovery_codes: RecoveryCodesTable;
  recovery_requests: RecoveryRequestsTable;
  letters: LettersTable;
  oidc_models: OidcModelsTable;
  oidc_logins: OidcLoginsTable;
  oidc_login_sids: OidcLoginSidsTable;
  oidc_logouts: OidcLogoutsTable;
  key_rotations: KeyRotationsTable;
}

export type Customer = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type Account = Selectable<AccountsTable>;
export type AccountUpdate = Updateable<AccountsTable>;
export type Token = Selectable<TokensTable>;
export type Session = Selectable<SessionsTable>;
export type LoginAttempt = Selectable<LoginAttemptsTable>;
export type LoginThrottle = Selectable<LoginThrottlesTable>;
export type OutboxMessage = Selectable<OutboxTable>;
export type Letter = Selectable<LettersTable>;

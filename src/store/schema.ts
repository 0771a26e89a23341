import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

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
export type TokenPurpose = 'activate' | 'reset-password' | 'rebind' | 'change-email' | 'invite' | 'cancel-request';
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
  /** A secret shown for enrolment but not yet confirmed with a code. */
  pending_totp_secret: string | null;
  pending_totp_created_at: number | null;
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
  failures: number;
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
  step: 'password' | 'code' | 'enrol' | 'recovery-code';
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
  status: 'pending' | 'sent' | 'kept';
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

/** Single-use codes to log in once without the app, stored as keyed hashes. */
export interface RecoveryCodesTable {
  id: string;
  account_id: string;
  code_hash: string;
  created_at: number;
  used_at: number | null;
}

/** rebind: a new phone for this account · replace: this (new) account takes over the company's email login */
export type RecoveryKind = 'rebind' | 'replace';
/** open: waits for its proof · proven: the new app may be linked · done · cancelled */
export type RecoveryStatus = 'open' | 'proven' | 'done' | 'cancelled';
/** What proved, besides the password and the mailbox, that this is the customer. */
export type RecoveryProof = 'recovery-code' | 'eherkenning' | 'letter' | 'staff';

/**
 * A change of who controls an account, waiting for a second, independent
 * proof. Kept for days: a letter takes time, a supervisor may be at lunch.
 */
export interface RecoveryRequestsTable {
  id: string;
  account_id: string;
  kind: RecoveryKind;
  /** replace: the company's current account, which keeps working until the proof. */
  replaces_account_id: string | null;
  status: RecoveryStatus;
  created_at: number;
  expires_at: number;
  proof: RecoveryProof | null;
  proven_at: number | null;
  /** The code in the letter, as a keyed hash. */
  letter_code_hash: string | null;
  letter_sent_at: number | null;
  letter_failures: Generated<number>;
  /** Letters sent for this request: a few at most. */
  letters_sent: Generated<number>;
  first_approver_id: string | null;
  /** What the first member of staff checked, in their words. */
  first_approver_check: string | null;
  first_approved_at: number | null;
  second_approver_id: string | null;
  second_approved_at: number | null;
  ended_at: number | null;
}

/** Letters to a company's address: written in the same transaction as the change, printed later. */
export interface LettersTable {
  id: string;
  customer_id: string;
  kind: string;
  lang: 'nl' | 'en';
  recipient: string;
  street: string;
  postal_code: string;
  city: string;
  subject: string;
  /** Emptied once exported for printing: it may hold a one-time code. */
  body: string;
  status: 'pending' | 'exported';
  created_at: number;
  exported_at: number | null;
}

/** One object of the OpenID Provider (`model`: Grant, AuthorizationCode, AccessToken, Session, Interaction, …), as JSON. */
export interface OidcModelsTable {
  model: string;
  id: string;
  payload: string;
  grant_id: string | null;
  uid: string | null;
  expires_at: number | null;
  consumed_at: number | null;
}

/** A grant given to a client, and the session of ours it was given from. */
export interface OidcLoginsTable {
  grant_id: string;
  session_hash: string;
  account_id: string;
  client_id: string;
  created_at: number;
}

/** A back-channel logout to send to a client: its grant's session of ours ended. */
export interface OidcLogoutsTable {
  grant_id: string;
  client_id: string;
  account_id: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  created_at: number;
  next_at: number;
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
  oidc_logouts: OidcLogoutsTable;
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
export type RecoveryRequest = Selectable<RecoveryRequestsTable>;
export type OidcModel = Selectable<OidcModelsTable>;
export type OidcLogin = Selectable<OidcLoginsTable>;
export type OidcLogout = Selectable<OidcLogoutsTable>;
export type Letter = Selectable<LettersTable>;

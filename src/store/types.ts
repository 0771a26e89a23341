import type {
  Account,
  AccountUpdate,
  AuditEntry,
  FeedbackEntry,
  Customer,
  LoginAttempt,
  LoginThrottle,
  Letter,
  NewCustomer,
  OidcLogin,
  OidcLogout,
  OidcModel,
  OutboxMessage,
  RecoveryRequest,
  RecoveryStatus,
  Session,
  SessionStage,
  Token,
  TokenPurpose,
} from './schema.ts';

export type * from './schema.ts';

/** A lock a count of failures sets: for a while from the attempt, or until a fixed time. */
export type Lock = { forMs: number } | { until: number };
/** The lock each count of failures sets; counts not in it set none. */
export type LockSchedule = ReadonlyMap<number, Lock>;
/** Hits in one rate-limit window. */
export interface RateLimitCount {
  key: string;
  windowStart: number;
  hits: number;
}

/**
 * Everything the domain keeps, as one interface with two adapters (SQLite and
 * PostgreSQL) that pass the same contract tests. Conditional updates return
 * whether they happened, so races are decided by the database, not by timing.
 */
export interface Store {
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
  /** Whether the database answers at all. */
  ping(): Promise<void>;

  upsertCustomer(customer: NewCustomer): Promise<'created' | 'updated' | 'unchanged'>;
  findCustomerById(id: string): Promise<Customer | undefined>;
  findCustomerByPolicy(policyNumber: string): Promise<Customer | undefined>;
  findCustomersByKvk(kvkNumber: string): Promise<Customer[]>;
  countCustomers(): Promise<number>;
  listCustomers(limit?: number): Promise<Customer[]>;

  insertAccount(account: Account): Promise<void>;
  findAccountById(id: string): Promise<Account | undefined>;
  /** The account an address logs in with: never a superseded one. */
  findLiveAccountByEmail(email: string): Promise<Account | undefined>;
  findActiveAccountOfCustomer(customerId: string): Promise<Account | undefined>;
  /** The newest replaced account of an address, to tell it why it no longer logs in. */
  findSupersededAccount(email: string): Promise<Account | undefined>;
  /**
   * Takes the account's row lock for the rest of the transaction. Transactions that change an
   * account and its tokens lock the account first, so two of them never wait on each other's rows
   * in opposite order. Resolves true when a lock was taken now (PostgreSQL), so that another
   * transaction may have changed what this one read before it; false on SQLite, whose transaction
   * has held the whole database since it began.
   */
  lockAccount(id: string): Promise<boolean>;
  /** Takes the customer's row lock for the rest of the transaction: one company's logins change one at a time. */
  lockCustomer(id: string): Promise<void>;
  /** Applies the patch only while the account still has the expected status. */
  updateAccount(id: string, patch: AccountUpdate, expect?: { status?: Account['status'] }): Promise<boolean>;

  /**
   * Makes the pending secret the account's authenticator (and the account active), in one
   * update and only while that secret is still the pending one and `replacing` (null: none) is
   * still the bound one; returns whether it happened.
   */
  swapAuthenticator(accountId: string, pendingSecret: string, replacing: string | null, now: number): Promise<boolean>;
  /** Sets a new password unless it changed after `unchangedSince`; returns whether it happened. */
  changePassword(accountId: string, passwordHash: string, now: number, unchangedSince: number): Promise<boolean>;
  /** Stores a new hash of the same password in place of `from`, unless the password changed meanwhile. */
  rehashPassword(accountId: string, from: string, to: string): Promise<void>;
  addTotpHistory(entry: { id: string; accountId: string; secret: string; boundAt: number; replacedAt: number }): Promise<void>;
  listTotpHistory(accountId: string): Promise<{ secret: string; boundAt: number; replacedAt: number }[]>;

  insertToken(token: Token): Promise<void>;
  findTokenByHash(hash: string): Promise<Token | undefined>;
  /** Marks the token used; false when it was used already. */
  consumeToken(id: string, now: number): Promise<boolean>;
  /**
   * Ends every open token of an account, or those of one purpose, or all but the links that stop a
   * takeover of this account (a request on another account).
   */
  invalidateTokens(accountId: string, now: number, which?: TokenPurpose | 'all-but-takeover-stops'): Promise<void>;
  /** Whether a link of this kind, made for the account after the one made at `createdAt`, still works. */
  hasNewerOpenToken(accountId: string, purpose: TokenPurpose, createdAt: number, now: number): Promise<boolean>;
  listOpenTokens(accountId: string, now: number): Promise<Pick<Token, 'purpose' | 'expires_at' | 'created_at'>[]>;

  insertSession(session: Session): Promise<void>;
  findSession(idHash: string): Promise<Session | undefined>;
  /**
   * Marks a live session as seen now; false when it has ended. Inside a transaction it also holds
   * the session's row until the commit: an end that began first is waited for, and one that
   * comes later waits (what the transaction links to the session is then seen by the end).
   */
  touchSession(idHash: string, now: number): Promise<boolean>;
  /** Replaces a session by a new id (rotation), with a new stage. */
  rotateSession(oldIdHash: string, next: Session): Promise<boolean>;
  /**
   * Ends the session, and queues a back-channel logout for each grant given from it. The session's
   * row is taken before its grants are read, so a grant linked under `touchSession` is never missed.
   * Whether it ended it: false when it had ended already.
   */
  endSession(idHash: string, now: number): Promise<boolean>;
  /** Ends every session of the account, but for the one with this id hash if given, as `endSession` each; returns how many. */
  endAllSessions(accountId: string, now: number, exceptIdHash?: string): Promise<number>;
  /** The account's logged-in sessions (stage full) not ended, not expired and seen since `seenSince`; the last seen first. */
  listLoggedInSessions(accountId: string, now: number, seenSince: number): Promise<Session[]>;

  /** Records a used TOTP time step; false when this step was used before. */
  useTotpStep(accountId: string, step: number, now: number): Promise<boolean>;
  isTotpStepUsed(accountId: string, step: number): Promise<boolean>;
  /** Forgets the used steps of an account whose authenticator was replaced. */
  clearTotpSteps(accountId: string): Promise<void>;

  findThrottle(email: string): Promise<LoginThrottle | undefined>;
  /**
   * Takes one attempt from the address's allowance before it is checked, counted as a failure
   * until proven right, and applies the lock `locks` names for the new count; or, when the
   * address is locked, counts nothing and says until when. One at a time per address, so
   * parallel guesses cannot all pass the check before the lock.
   */
  takeThrottleAttempt(
    email: string,
    now: number,
    locks: LockSchedule,
  ): Promise<{ locked: number } | { failures: number; lockedUntil: number | null }>;
  /** Gives back an attempt that was right but does not end the count (a password before the code), with the lock it set. */
  returnThrottleAttempt(email: string, lockedUntil: number | null): Promise<void>;
  /** Ends the count of one allowance. */
  clearThrottle(key: string): Promise<void>;
  /** Ends every count of an address: its own and each known browser's. */
  clearThrottles(email: string): Promise<void>;
  /** Lifts the locks of an address (its own and each known browser's) but those ending at `kept`; the counts stay. */
  liftThrottles(email: string, kept: number): Promise<void>;

  /**
   * Counts one hit in a fixed window and returns the hits so far. The prune removes a window two
   * hours after it began: a count over a longer time does not belong here (letters per week are
   * counted from the letters themselves).
   */
  hitRateLimit(key: string, windowStart: number): Promise<number>;
  /**
   * Adds hits counted in memory (`src/store/rate-limit-hits.ts`) to their windows, all or none, and
   * returns each window's total. Each window at most once (PostgreSQL refuses a row twice in one
   * statement), and at most 10,000 windows: three values each, in one statement (SQLite takes 32,766).
   */
  addRateLimitHits(counts: RateLimitCount[]): Promise<RateLimitCount[]>;
  /** The hits so far in one window, 0 when it has none. */
  findRateLimitHits(key: string, windowStart: number): Promise<number>;

  recordLoginAttempt(attempt: LoginAttempt): Promise<void>;
  listLoginAttempts(accountId: string, limit: number): Promise<LoginAttempt[]>;

  enqueueMail(message: Omit<OutboxMessage, 'attempts' | 'sent_at' | 'last_error'>): Promise<void>;
  findMail(id: string): Promise<OutboxMessage | undefined>;
  listMail(limit: number): Promise<OutboxMessage[]>;
  /** Mail due for delivery, oldest first. */
  dueMail(now: number, limit: number): Promise<OutboxMessage[]>;
  /** Mail not yet delivered (new, or failed and waiting for its retry). */
  countPendingMail(): Promise<number>;
  /** Takes a due mail for delivery until `leaseUntil`; false when another instance took it first. */
  claimMail(id: string, dueAt: number, leaseUntil: number): Promise<boolean>;
  markMailSent(id: string, now: number): Promise<void>;
  /** `nextAttemptAt` null: given up, its text forgotten. */
  markMailFailed(id: string, error: string, nextAttemptAt: number | null): Promise<void>;
  /** Development: the mail stays in the outbox for /dev/mail instead of being sent. */
  markMailKept(id: string): Promise<void>;

  /** Voids every unused recovery code of the account and stores these (keyed hashes) in their place. */
  replaceRecoveryCodes(accountId: string, codes: { id: string; codeHash: string }[], now: number): Promise<void>;
  /** Uses a recovery code once; false when it is unknown or used. */
  useRecoveryCode(accountId: string, codeHash: string, now: number): Promise<boolean>;
  countRecoveryCodes(accountId: string): Promise<number>;

  insertRecoveryRequest(request: RecoveryRequest): Promise<void>;
  findRecoveryRequest(id: string): Promise<RecoveryRequest | undefined>;
  /** The account's request that is still open or proven and not expired. */
  findOpenRecoveryRequest(accountId: string, now: number): Promise<RecoveryRequest | undefined>;
  /** Newer accounts' running requests to take this account over, each with the asker's address, the newest first. */
  findOpenTakeoversOf(accountId: string, now: number): Promise<(RecoveryRequest & { asker_email: string })[]>;
  /** Applies the patch only while the request has one of the expected statuses; returns whether it did. */
  updateRecoveryRequest(id: string, patch: Partial<RecoveryRequest>, expect: { status: RecoveryStatus[] }): Promise<boolean>;
  /** Counts a wrong letter code; returns the count so far. */
  countLetterFailure(id: string): Promise<number>;
  /** Requests by or against these accounts, newest first (the agent view). */
  listRecoveryRequests(accountIds: string[], limit: number): Promise<RecoveryRequest[]>;
  /** Takeovers of this holder that staff first approved at or after `since`, whatever became of them. */
  listVouchedTakeoversOf(holderId: string, since: number): Promise<RecoveryRequest[]>;
  /** Requests still running (open or proven, not past their time) that this member of staff approved, first or second. */
  listRunningApprovedBy(staffId: string, now: number): Promise<RecoveryRequest[]>;

  enqueueLetter(letter: Letter): Promise<void>;
  listLetters(status: Letter['status'], limit: number): Promise<Letter[]>;
  findLetter(id: string): Promise<Letter | undefined>;
  /** Letters of these kinds to a customer's address since then, printed or not. */
  countLetters(customerId: string, kinds: string[], since: number): Promise<number>;
  /** Marks letters as handed to the printer and forgets their text. */
  markLettersExported(ids: string[], now: number): Promise<void>;

  /** The OpenID Provider's objects: written whole, found unexpired, consumed once, revoked by grant. */
  oidcSave(row: OidcModel): Promise<void>;
  oidcFind(model: string, id: string, now: number): Promise<OidcModel | undefined>;
  oidcFindByUid(model: string, uid: string, now: number): Promise<OidcModel | undefined>;
  /** False when it was consumed already (by another instance, a moment before). */
  oidcConsume(model: string, id: string, now: number): Promise<boolean>;
  oidcDestroy(model: string, id: string): Promise<void>;
  oidcRevokeGrant(grantId: string): Promise<void>;
  /** Which session of ours a grant came from (written once: a grant linked again stays as it was). */
  oidcLinkLogin(login: OidcLogin): Promise<void>;
  oidcFindLogin(grantId: string): Promise<OidcLogin | undefined>;
  /** Notes a provider session id that a code of this grant carried (once each), and lists them for its logout. */
  oidcAddLoginSid(grantId: string, sid: string, now: number): Promise<void>;
  oidcLoginSids(grantId: string): Promise<string[]>;
  /** The newest grant this session of ours gave this client, if any. */
  oidcFindSessionGrant(sessionHash: string, clientId: string): Promise<string | undefined>;
  /** Ends the sessions with grants that expired or went idle (last seen before `idleBefore`); says how many. */
  endLapsedLinkedSessions(now: number, idleBefore: number): Promise<number>;
  /** Back-channel logouts due now (queued by endSession and endAllSessions). */
  dueOidcLogouts(now: number, limit: number): Promise<OidcLogout[]>;
  /** Sent, or failed this time: tried again at `retryAt`, or given up on (null). */
  markOidcLogout(grantId: string, outcome: { sent: true } | { retryAt: number | null }): Promise<void>;
  /** Takes a due logout to send until `leaseUntil`: false when another instance took it first. */
  claimOidcLogout(grantId: string, dueAt: number, leaseUntil: number): Promise<boolean>;

  /**
   * Takes a lock on a job for the rest of the transaction, if no other
   * instance holds it: one instance prunes at a time.
   */
  tryJobLock(name: string): Promise<boolean>;
  /** Removes what is older than each cut-off (epoch ms), but the audit log; says how many of each. */
  prune(cutoffs: PruneCutoffs): Promise<Record<string, number>>;
  /**
   * The one removal the audit log knows: entries older than `before`, after
   * the entry `marker` makes of it is added, so the cut is itself on record.
   * Returns how many went.
   */
  /** Removes entries older than `before`, after appending the entry that says so (`marker`: its place and hash). */
  pruneAudit(
    before: number,
    marker: (lastSeq: number) => Omit<AuditEntry, 'seq' | 'prev_hash' | 'hash'>,
  ): Promise<{ removed: number; marker: { seq: number; hash: string } | null }>;

  /** A help code for where a customer is; false when the code is taken already. */
  createHelpCode(code: string, context: string, now: number, expiresAt: number): Promise<boolean>;
  findHelpCode(
    code: string,
    now: number,
  ): Promise<{ code: string; context: string; created_at: number; expires_at: number } | undefined>;
  addAccountEvent(event: { id: string; account_id: string; at: number; kind: string }): Promise<void>;
  listAccountEvents(accountId: string, limit: number): Promise<{ id: string; account_id: string; at: number; kind: string }[]>;
  findAccountsOfCustomer(customerId: string): Promise<Account[]>;
  /** Every agent and supervisor, disabled ones too. */
  listStaffAccounts(): Promise<Account[]>;
  /**
   * Adds an entry to the end of the audit log, numbered and chained to the one
   * before it, one writer at a time. There is no way to change or remove one
   * but the retention job's removal of the oldest.
   */
  /** Appends an entry to the chain; its place and hash, for an anchor kept outside the database. */
  appendAudit(entry: Omit<AuditEntry, 'seq' | 'prev_hash' | 'hash'>): Promise<{ seq: number; hash: string }>;
  listAudit(from: number, to: number, limit: number): Promise<AuditEntry[]>;
  /** The whole log from `afterSeq` on, in order, for checking the chain. */
  auditChain(afterSeq: number, limit: number): Promise<AuditEntry[]>;
  addFeedback(entry: FeedbackEntry): Promise<void>;
  countDaily(kind: 'searchMiss' | 'wizardEnd', key: string, day: string): Promise<void>;
  /** Per page and language: a reader of the English text may miss what the Dutch one says. */
  feedbackSummary(from: number, to: number): Promise<{ page: string; lang: 'nl' | 'en'; yes: number; no: number }[]>;
  /** The newest comments first. */
  listFeedbackComments(
    from: number,
    to: number,
    limit: number,
  ): Promise<{ at: number; page: string; lang: 'nl' | 'en'; comment: string }[]>;
  dailyTotals(
    kind: 'searchMiss' | 'wizardEnd',
    fromDay: string,
    toDay: string,
    limit: number,
  ): Promise<{ key: string; total: number }[]>;
}

export type { SessionStage };

/** Before these moments, each kind of record goes. */
export interface PruneCutoffs {
  now: number;
  links: number;
  sessions: number;
  loginHistory: number;
  /** Throttles and used TOTP steps: counters that matter minutes or hours. */
  counters: number;
  /** Throttles whose key starts with it are kept until a success clears them. */
  keptThrottles: string;
  /** Rate-limit windows that began before it are over. */
  rateLimits: number;
  /** Letters handed to the printer before it. */
  letters: number;
  mail: number;
  oldAuthenticators: number;
  requests: number;
  feedbackComments: number;
  /** A day (YYYY-MM-DD): searches without result counted before it go, as their words are what visitors typed. */
  searchMissesBefore: string;
}

/** Encrypts and authenticates small secrets: TOTP secrets at rest, cookies the server must read back. */
export interface SecretSealer {
  seal(plain: string): string;
  open(sealed: string): string;
  /** Sealed with the current key: nothing for a key rotation to redo. */
  isCurrent(sealed: string): boolean;
}

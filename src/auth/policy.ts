/**
 * Every security number of the product in one place: how long links, sessions and requests
 * live, when an address locks, how much mail one address or requester may cause. The modules
 * that enforce them import them from here; the README's tables must say the same.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Lifetimes of links and sessions (AuthConfig); tests may shorten them, production uses these. */
export const lifetimes = {
  /** The activation link of a new account. */
  activationTtlMs: 24 * HOUR,
  /** Links to reset a password or link a new phone: short, they open the door. */
  recoveryTtlMs: 30 * MINUTE,
  /** The confirmation link sent to a new email address. */
  emailChangeTtlMs: 24 * HOUR,
  /** Between the password step and the code step. */
  pendingLoginTtlMs: 5 * MINUTE,
  sessionIdleMs: 30 * MINUTE,
  /** Call-center staff: a shorter idle limit. */
  staffSessionIdleMs: 15 * MINUTE,
  sessionAbsoluteMs: 12 * HOUR,
} as const;

/**
 * Staff give the app's code again before an action that gives or takes away access (a second
 * approval, a takeover, a change to staff) when they last gave it longer ago than this: a session
 * copied from an unlocked laptop is then not enough on its own.
 */
export const STAFF_PROOF_MS = 10 * MINUTE;

/** A session's last use is written at most this often: enough for the idle limit, not a write per request. */
export const SESSION_TOUCH_MS = MINUTE;

/** An enrolment's secret, shown but not yet confirmed with a code. */
export const PENDING_SECRET_TTL_MS = 15 * MINUTE;

/**
 * A password chosen through a mailed link (activation, a staff invitation, a new password) links
 * the first app within this time. After it, the password alone links none: it may have leaked
 * meanwhile, so the mailbox is proven again first (a new password; for staff, a new invitation).
 */
export const FIRST_APP_WINDOW_MS = DAY;

/** A staff invitation link. */
export const INVITE_TTL_MS = 72 * HOUR;

/** A help code read out on the phone. */
export const HELP_CODE_TTL_MS = DAY;

/** NIST SP 800-63B: at most 100 consecutive failures, then only a new password lets the address in. */
export const MAX_FAILURES = 100;
/** Every fifth consecutive failure locks the address: 1, 5, 15 minutes, then an hour each time. */
export const LOCK_MINUTES = [1, 5, 15, 60] as const;

/**
 * Mails per hour: to one address from one requester (enough to retry), to one address from anyone
 * (a mailbox is not flooded), from one requester to anyone (one machine does not flood many). A
 * stranger using up their own share leaves the customer theirs; a browser that logged in to the
 * account before has `pair` of its own, apart from the address's (`takeMailAllowance`).
 */
export const MAIL_PER_HOUR = { pair: 5, address: 20, requester: 30 } as const;
/**
 * Takeover notices to one holder per hour, counted apart from other mail to that address: strangers
 * asking for new passwords there cannot hold back a colleague's takeover, and new accounts of
 * one's own, each asking to take over once, cannot flood the holder.
 */
export const TAKEOVER_NOTICES_PER_HOUR = 5;
/** The window those mails are counted in. */
export const MAIL_WINDOW_MS = 3_600_000;

/**
 * A company's email login counts as new to the colleagues who log in with eHerkenning this long
 * after its first app was linked: the portal shows it to them as news, with how to take it over.
 */
export const NEW_COMPANY_LOGIN_MS = 30 * DAY;

/** A new-phone or takeover request waits this long for its proof: long enough for a letter, or a supervisor back from leave. */
export const REQUEST_TTL_MS = 21 * DAY;
/** A letter code works this long after it is posted. */
export const LETTER_TTL_MS = 14 * DAY;
/**
 * Once proven, the app must be linked within this time: the proof is for someone at the keyboard
 * now, not a key left under the mat for whoever gets the mailbox later.
 */
export const PROVEN_TTL_MS = 30 * MINUTE;
/**
 * A takeover one member of staff vouched for waits this long for the second approval. Meanwhile
 * its holder cannot stop it (src/auth/recovery/cancel.ts), so one agent, perhaps talked round by a
 * stranger with a policy number, cannot keep a holder from stopping it for the request's three weeks.
 */
export const VOUCHED_TTL_MS = 2 * DAY;
/**
 * After a takeover vouched for came to nothing (stopped by a supervisor, or lapsed), only a
 * supervisor vouches for another aimed at the same holder this long: one agent could otherwise
 * take the holder's stop away two days at a time, over and over.
 */
export const VOUCH_AGAIN_AFTER_MS = 7 * DAY;
/** Proven by two members of staff, a human process: the customer gets a day to go on. */
export const STAFF_PROVEN_TTL_MS = DAY;
/** Wrong letter codes before the letter stops working. */
export const LETTER_MAX_FAILURES = 5;
/** Another letter only when the last one had time to arrive and did not... */
export const LETTER_RESEND_AFTER_MS = 7 * DAY;
/** ...or this long after its code was refused too often. */
export const LETTER_AFTER_FAILURES_MS = DAY;
/** Letters one request may cause: a company's letterbox is not to be flooded. */
export const LETTERS_PER_REQUEST = 3;
/** Letters of one kind (new phone, takeover) to a company a week, whichever of its requests asked: each counts its own. */
export const LETTERS_PER_COMPANY_WEEK = 3;
export const WEEK_MS = 7 * DAY;

/** How old the broker's login may be when its answer arrives: a person at the broker just now, not a session from earlier. */
export const FRESH_LOGIN_S = 300;

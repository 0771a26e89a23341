import type { Generated, Selectable } from 'kysely';

// The tables of getting back in: recovery codes, new-phone and takeover requests, letters (see schema.ts).

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
  /** For an eHerkenning proof, JSON: the company, branch, level and acting person's pseudonym (ProvenBy). */
  proven_by: string | null;
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

export type RecoveryRequest = Selectable<RecoveryRequestsTable>;

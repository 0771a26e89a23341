/**
 * Per client address and window (per member of staff where it says so); generous for people,
 * tight for scripts. Scaled by RATE_LIMIT_FACTOR for load tests.
 */
export const limits = {
  register: { limit: 20, windowMs: 10 * 60_000 },
  login: { limit: 60, windowMs: 5 * 60_000 },
  /** Going to the eHerkenning broker and coming back: the browser's window, which another site can send here too. */
  eherkenning: { limit: 60, windowMs: 5 * 60_000 },
  token: { limit: 30, windowMs: 10 * 60_000 },
  /** A portal sending the browser to log in (`/oidc/auth`): each keeps a login in progress for ten minutes. */
  handOver: { limit: 60, windowMs: 5 * 60_000 },
  /** Help codes, feedback and counters: a person makes a handful, a script thousands. */
  signals: { limit: 120, windowMs: 10 * 60_000 },
  /**
   * Customers looked up by one member of staff, wherever from: a shift's calls need a few an
   * hour, a session copied from a staff laptop would read the customer book.
   */
  staffLookup: { limit: 200, windowMs: 60 * 60_000, per: 'staff' },
} as const satisfies Record<string, { limit: number; windowMs: number; per?: 'staff' }>;

export type LimitName = keyof typeof limits;

import { hash } from 'node:crypto';
import type { AuditEntry } from './schema.ts';

/** What the first entry of the log links back to. */
export const GENESIS = '0'.repeat(64);

/**
 * The hash of an audit entry: its fields and the hash of the entry before it.
 * Removing, changing or reordering an entry breaks every hash after it
 * (`npm run audit:verify`).
 */
export function auditHash(entry: Omit<AuditEntry, 'hash'>): string {
  const fields = [
    entry.seq,
    entry.at,
    entry.agent_id,
    entry.agent_email,
    entry.action,
    entry.subject,
    entry.reason,
    entry.outcome,
    entry.prev_hash,
  ];
  return hash('sha256', JSON.stringify(fields), 'hex');
}

export type ChainProblem = {
  seq: number;
  problem: 'changed' | 'broken link' | 'missing entries' | 'differs from its anchor' | 'anchored twice, with different hashes';
};

/** An entry's place and hash as recorded outside the database: `<seq>:<hash>`; null when it is not one. */
export function parseAnchor(text: string): { seq: number; hash: string } | null {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  return match ? { seq: Number(match[1]), hash: match[2]! } : null;
}

/**
 * Anchors by place. One place anchored with two hashes means the chain was cut there and written
 * again: entries removed from its end, and new ones appended with the same numbers.
 */
export function anchorsBySeq(anchors: { seq: number; hash: string }[]) {
  const anchored = new Map<number, string>();
  const problems: ChainProblem[] = [];
  for (const anchor of anchors) {
    const { seq } = anchor;
    const earlier = anchored.get(seq);
    if (earlier !== undefined && earlier !== anchor.hash)
      problems.push({ seq, problem: 'anchored twice, with different hashes' });
    anchored.set(seq, anchor.hash);
  }
  return { anchored, problems };
}

/** Entries whose hash is not the one their anchor recorded. */
export function checkAnchors(entries: AuditEntry[], anchored: Map<number, string>): ChainProblem[] {
  return entries
    .filter((entry) => anchored.has(entry.seq) && anchored.get(entry.seq) !== entry.hash)
    .map((entry) => ({ seq: entry.seq, problem: 'differs from its anchor' }));
}

/**
 * Checks a run of entries in order of `seq`. The first may link to an entry
 * the retention job removed; everything after it must follow on exactly.
 */
export function verifyChain(entries: AuditEntry[]): ChainProblem[] {
  const problems: ChainProblem[] = [];
  for (const [i, entry] of entries.entries()) {
    const { hash, ...rest } = entry;
    if (auditHash(rest) !== hash) problems.push({ seq: entry.seq, problem: 'changed' });
    const before = entries[i - 1];
    if (!before) continue;
    if (entry.seq !== before.seq + 1) problems.push({ seq: entry.seq, problem: 'missing entries' });
    else if (entry.prev_hash !== before.hash) problems.push({ seq: entry.seq, problem: 'broken link' });
  }
  return problems;
}

/** The entries the retention job removed, as its own entry in the log says: all up to this `seq`. */
export function prunedUpTo(entry: AuditEntry): number | null {
  const match = entry.action === 'auditRetention' ? /^entries up to (\d+)$/.exec(entry.subject) : null;
  return match ? Number(match[1]) : null;
}

import type { HelpCodeAnswer } from '../../shared/api/schemas-agent.ts';
import { HELP_CODE_TTL_MS as TTL_MS } from '../policy.ts';
import type { Store } from '../../store/types.ts';
import type { AuthDeps, Random } from '../deps.ts';

/** Read out over the phone: no 0/O, 1/I/L, 2/Z, 5/S or 8/B to mix up. */
const ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
const LENGTH = 6;
/** 250: a byte from here up is drawn again, so that no character of the 25 comes up more often (256 is no multiple of 25). */
const UNBIASED = 256 - (256 % ALPHABET.length);

/** Where the customer is: the API contract's shape, one definition for the edge, the domain and the islands. */
export type HelpContext = HelpCodeAnswer['context'];

/** K7M-4QX: formatted for reading out; stored without the dash. */
export function formatHelpCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

/** What an agent types, back to the stored form; null when it cannot be a help code. */
export function normalizeHelpCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return code.length === LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

/** A new help code for this moment, kept 24 hours. */
export async function createHelpCode(deps: AuthDeps, context: HelpContext): Promise<string> {
  const now = deps.clock.now();
  for (;;) {
    const code = drawHelpCode(deps.random);
    if (await deps.store.createHelpCode(code, JSON.stringify(context), now, now + TTL_MS)) return code;
  }
}

/** Six characters of ALPHABET, each as likely as any other. */
export function drawHelpCode(random: Random): string {
  let code = '';
  while (code.length < LENGTH)
    for (const b of random.bytes(LENGTH)) if (b < UNBIASED && code.length < LENGTH) code += ALPHABET[b % ALPHABET.length];
  return code;
}

/** `store` is the transaction the agent's audit line is written in. */
export async function findHelpCode(
  deps: AuthDeps,
  store: Store,
  input: string,
): Promise<{ context: HelpContext; createdAt: number } | null> {
  const code = normalizeHelpCode(input);
  if (!code) return null;
  const found = await store.findHelpCode(code, deps.clock.now());
  return found ? { context: JSON.parse(found.context) as HelpContext, createdAt: found.created_at } : null;
}
